/* The input workbook's sheets and columns (model layer): one table that the writer
 * and the reader both follow, so the two cannot drift apart. */
#include "workbook.h"

#include <string.h>

#define N(a) (int)(sizeof a / sizeof *a)

static const isms_wb_col units[] = {
	{"id", "代號", "ID", ISMS_WB_ID, 1},
	{"parent", "上級單位", "Parent unit", ISMS_WB_ID, 0},
	{"head", "主管", "Head", ISMS_WB_ID, 0},
	{"name", "名稱", "Name", ISMS_WB_TEXT, 1},
	{"name.en", "英文名稱", "Name (English)", ISMS_WB_TEXT, 0},
};
static const isms_wb_col people[] = {
	{"id", "代號", "ID", ISMS_WB_ID, 1},
	{"unit", "單位", "Unit", ISMS_WB_ID, 1},
	{"name", "姓名", "Name", ISMS_WB_TEXT, 1},
	{"name.en", "英文姓名", "Name (English)", ISMS_WB_TEXT, 0},
	{"title", "職稱", "Job title", ISMS_WB_TEXT, 1},
	{"title.en", "英文職稱", "Job title (English)", ISMS_WB_TEXT, 0},
	/* at the sheet's end, so that workbooks exported before keep their columns */
	{"left", "離職日期", "Left on", ISMS_WB_DATE, 0},
};
static const isms_wb_col bodies[] = {
	{"id", "代號", "ID", ISMS_WB_ID, 1},
	{"kind", "類別", "Kind", ISMS_WB_ENUM, 1},
	{"parent", "上級組織", "Parent body", ISMS_WB_ID, 0},
	{"name", "名稱", "Name", ISMS_WB_TEXT, 1},
	{"name.en", "英文名稱", "Name (English)", ISMS_WB_TEXT, 0},
	{"abbr", "簡稱", "Abbreviation", ISMS_WB_TEXT, 0},
	{"abbr.en", "英文簡稱", "Abbreviation (English)", ISMS_WB_TEXT, 0},
	{"duties", "職掌（每行一項）", "Duties (one a line)", ISMS_WB_LINES, 0},
	{"duties.en", "英文職掌", "Duties (English)", ISMS_WB_LINES, 0},
};
static const isms_wb_col roles[] = {
	{"body", "組織", "Body", ISMS_WB_ID, 1},
	{"kind", "角色", "Role", ISMS_WB_ENUM, 1},
	{"person", "人員", "Person", ISMS_WB_ID, 1},
	{"title", "稱謂", "Title", ISMS_WB_TEXT, 0},
	{"title.en", "英文稱謂", "Title (English)", ISMS_WB_TEXT, 0},
	{"duties", "職責（每行一項）", "Duties (one a line)", ISMS_WB_LINES, 0},
	{"duties.en", "英文職責", "Duties (English)", ISMS_WB_LINES, 0},
	{"dutyHeading", "職責標題", "Duty heading", ISMS_WB_TEXT, 0},
	{"dutyHeading.en", "英文職責標題", "Duty heading (English)", ISMS_WB_TEXT, 0},
};
static const isms_wb_col documents[] = {
	{"id", "代號", "ID", ISMS_WB_ID, 1},
	{"kind", "類別", "Kind", ISMS_WB_ENUM, 1},
	{"number", "文件編號", "Number", ISMS_WB_TEXT, 1},
	{"tier", "階層", "Tier", ISMS_WB_INT, 1},
	{"version", "版次", "Version", ISMS_WB_TEXT, 1},
	{"issued", "發行日期", "Issued", ISMS_WB_DATE, 1},
	{"unit", "發行單位", "Issuing unit", ISMS_WB_ID, 1},
	{"author", "撰寫人", "Author", ISMS_WB_ID, 1},
	{"reviewer", "審核人", "Reviewer", ISMS_WB_ID, 1},
	{"approver", "核准人", "Approver", ISMS_WB_ID, 1},
	{"title", "文件名稱", "Title", ISMS_WB_TEXT, 1},
	{"title.en", "英文名稱", "Title (English)", ISMS_WB_TEXT, 0},
	{"class", "機密等級", "Classification", ISMS_WB_TEXT, 1},
	{"class.en", "英文機密等級", "Classification (English)", ISMS_WB_TEXT, 0},
	{"drafter", "訂修廢單位", "Drafted by (a body)", ISMS_WB_ID, 0},
};
static const isms_wb_col revisions[] = {
	{"document", "文件", "Document", ISMS_WB_ID, 1},
	{"version", "版次", "Version", ISMS_WB_TEXT, 1},
	{"date", "日期", "Date", ISMS_WB_DATE, 1},
	{"author", "修訂人", "Author", ISMS_WB_ID, 1},
	{"text", "修訂說明", "Description", ISMS_WB_TEXT, 1},
	{"text.en", "英文修訂說明", "Description (English)", ISMS_WB_TEXT, 0},
};
static const isms_wb_col objectives[] = {
	{"id", "代號", "ID", ISMS_WB_ID, 1},
	{"frequency", "頻率", "Frequency", ISMS_WB_ENUM, 1},
	{"unit", "量測單位", "Unit", ISMS_WB_ENUM, 1},
	{"comparator", "比較", "Comparator", ISMS_WB_ENUM, 1},
	{"target", "目標值", "Target", ISMS_WB_NUMBER, 1},
	{"lastYear", "去年實績", "Last year", ISMS_WB_NUMBER, 0},
	{"cumulative", "累計方式", "Cumulative", ISMS_WB_ENUM, 1},
	{"ownerUnit", "負責單位", "Owner unit", ISMS_WB_ID, 1},
	{"owner", "負責人", "Owner", ISMS_WB_ID, 1},
	{"title", "目標", "Objective", ISMS_WB_TEXT, 1},
	{"title.en", "英文目標", "Objective (English)", ISMS_WB_TEXT, 0},
	{"kpi", "衡量指標", "KPI", ISMS_WB_TEXT, 1},
	{"kpi.en", "英文衡量指標", "KPI (English)", ISMS_WB_TEXT, 0},
	{"method", "計算方式", "Method", ISMS_WB_TEXT, 1},
	{"method.en", "英文計算方式", "Method (English)", ISMS_WB_TEXT, 0},
	{"resources", "所需資源", "Resources", ISMS_WB_TEXT, 1},
	{"resources.en", "英文所需資源", "Resources (English)", ISMS_WB_TEXT, 0},
	{"actions", "執行方案（每行一項）", "Actions (one a line)", ISMS_WB_LINES, 1},
	{"actions.en", "英文執行方案", "Actions (English)", ISMS_WB_LINES, 0},
	{"source", "資料來源", "Data source", ISMS_WB_TEXT, 1},
	{"source.en", "英文資料來源", "Data source (English)", ISMS_WB_TEXT, 0},
	{"judge", "年度累計判定", "Judge (a yearly sum)", ISMS_WB_ENUM, 0},
	{"counter", "計數單位", "Counting word", ISMS_WB_TEXT, 0},
	{"counter.en", "英文計數單位", "Counting word (English)", ISMS_WB_TEXT, 0},
	{"alsoUnits", "協辦單位（每行一個）", "Also responsible (one a line)", ISMS_WB_LINES, 0},
	{"milestones", "階段目標（每行：期別 目標值）", "Milestones (a line: period target)", ISMS_WB_LINES, 0},
};
static const isms_wb_col measurements[] = {
	{"objective", "目標代號", "Objective", ISMS_WB_ID, 1},
	{"title", "目標", "Objective title", ISMS_WB_INFO, 0},
	{"period", "期別", "Period", ISMS_WB_PERIOD, 1},
	{"value", "實績", "Actual", ISMS_WB_NUMBER, 0},
	{"numerator", "分子", "Numerator", ISMS_WB_NUMBER, 0},
	{"denominator", "分母", "Denominator", ISMS_WB_NUMBER, 0},
	{"variance", "差異說明", "Variance", ISMS_WB_TEXT, 0},
	{"variance.en", "英文差異說明", "Variance (English)", ISMS_WB_TEXT, 0},
	{"reporter", "報告人", "Reporter", ISMS_WB_ID, 0},
	{"date", "日期", "Date", ISMS_WB_DATE, 0},
	{"reviewer", "審核人", "Reviewer", ISMS_WB_ID, 0},
	{"comment", "審核意見", "Reviewer's comment", ISMS_WB_TEXT, 0},
	{"comment.en", "英文審核意見", "Comment (English)", ISMS_WB_TEXT, 0},
};
static const isms_wb_col actions[] = {
	{"review", "審查會議", "Review", ISMS_WB_ID, 1},
	{"id", "代號", "ID", ISMS_WB_ID, 1},
	{"owner", "負責人", "Owner", ISMS_WB_ID, 1},
	{"due", "期限", "Due", ISMS_WB_DATE, 1},
	{"objective", "相關目標", "Objective", ISMS_WB_ID, 0},
	{"text", "行動", "Action", ISMS_WB_TEXT, 1},
	{"text.en", "英文行動", "Action (English)", ISMS_WB_TEXT, 0},
};

const isms_wb_sheet isms_wb_sheets[ISMS_WB_SHEET_COUNT] = {
	[ISMS_WB_UNITS] = {"單位", "Units", units, N(units)},
	[ISMS_WB_PEOPLE] = {"人員", "People", people, N(people)},
	[ISMS_WB_BODIES] = {"組織", "Bodies", bodies, N(bodies)},
	[ISMS_WB_ROLES] = {"角色", "Roles", roles, N(roles)},
	[ISMS_WB_DOCUMENTS] = {"文件", "Documents", documents, N(documents)},
	[ISMS_WB_REVISIONS] = {"修訂", "Revisions", revisions, N(revisions)},
	[ISMS_WB_OBJECTIVES] = {"目標", "Objectives", objectives, N(objectives)},
	[ISMS_WB_MEASUREMENTS] = {"量測紀錄", "Measurements", measurements, N(measurements)},
	[ISMS_WB_ACTIONS] = {"審查行動", "Review actions", actions, N(actions)},
};

int
isms_wb_col_index(enum isms_wb_sheet_id s, const char *key)
{
	for (int i = 0; i < isms_wb_sheets[s].ncols; i++)
		if (!strcmp(isms_wb_sheets[s].cols[i].key, key))
			return i;
	return -1;
}
