/* The ISO/IEC 27001:2022 Annex A control list as data (model layer): the 93 control
 * numbers with short titles in this project's own words, Chinese and English.  The
 * SoA lists every one of them; the loader checks control ids against it. */
#include "model.h"

#include <string.h>

const isms_catalogue_control isms_annex_a[] = {
	/* 5 organisational */
	{"A.5.1", {"資訊安全政策", "Security policies"}},
	{"A.5.2", {"資安角色及職責", "Security roles and responsibilities"}},
	{"A.5.3", {"職務區隔", "Separation of conflicting duties"}},
	{"A.5.4", {"管理階層之責任", "What management must do"}},
	{"A.5.5", {"與主管機關之聯繫", "Liaison with authorities"}},
	{"A.5.6", {"與專業團體之聯繫", "Liaison with specialist groups"}},
	{"A.5.7", {"威脅情資", "Threat intelligence"}},
	{"A.5.8", {"專案管理中之資安", "Security in projects"}},
	{"A.5.9", {"資訊及相關資產清冊", "Inventory of information and assets"}},
	{"A.5.10", {"資訊及資產之可接受使用", "Acceptable use of information and assets"}},
	{"A.5.11", {"資產之歸還", "Returning assets"}},
	{"A.5.12", {"資訊分級", "Classifying information"}},
	{"A.5.13", {"資訊標示", "Labelling information"}},
	{"A.5.14", {"資訊傳送", "Transferring information"}},
	{"A.5.15", {"存取控制", "Access control"}},
	{"A.5.16", {"身分管理", "Managing identities"}},
	{"A.5.17", {"鑑別資訊", "Authentication secrets"}},
	{"A.5.18", {"存取權限", "Access rights"}},
	{"A.5.19", {"供應者關係中之資安", "Security with suppliers"}},
	{"A.5.20", {"供應者協議中之資安要求", "Security terms in supplier agreements"}},
	{"A.5.21", {"資通訊供應鏈之資安管理", "Security of the ICT supply chain"}},
	{"A.5.22", {"供應者服務之監督、審查及變更", "Monitoring and changing supplier services"}},
	{"A.5.23", {"雲端服務使用之資安", "Security when using cloud services"}},
	{"A.5.24", {"資安事件管理之規劃及準備", "Planning for incident management"}},
	{"A.5.25", {"資安事件之評估及決定", "Assessing security events"}},
	{"A.5.26", {"資安事件之回應", "Responding to incidents"}},
	{"A.5.27", {"從資安事件中學習", "Lessons from incidents"}},
	{"A.5.28", {"證據之蒐集", "Collecting evidence"}},
	{"A.5.29", {"營運中斷期間之資安", "Security during disruption"}},
	{"A.5.30", {"營運持續之資通訊備妥", "ICT readiness for continuity"}},
	{"A.5.31", {"法律、法規及契約要求", "Legal, regulatory and contractual requirements"}},
	{"A.5.32", {"智慧財產權", "Intellectual property"}},
	{"A.5.33", {"紀錄之保護", "Protecting records"}},
	{"A.5.34", {"隱私及個人資料保護", "Privacy and personal data"}},
	{"A.5.35", {"資安之獨立審查", "Independent security review"}},
	{"A.5.36", {"資安政策及標準之遵循", "Following security policies and standards"}},
	{"A.5.37", {"書面化之作業程序", "Written operating procedures"}},
	/* 6 people */
	{"A.6.1", {"人員背景查核", "Background checks"}},
	{"A.6.2", {"聘僱條款", "Terms of employment"}},
	{"A.6.3", {"資安認知、教育及訓練", "Security awareness and training"}},
	{"A.6.4", {"懲處程序", "Disciplinary process"}},
	{"A.6.5", {"離職或異動後之責任", "Duties after leaving or changing jobs"}},
	{"A.6.6", {"保密協議", "Confidentiality agreements"}},
	{"A.6.7", {"遠距工作", "Remote working"}},
	{"A.6.8", {"資安事件通報", "Reporting security events"}},
	/* 7 physical */
	{"A.7.1", {"實體安全周界", "Physical perimeters"}},
	{"A.7.2", {"實體進出", "Physical entry"}},
	{"A.7.3", {"辦公室、房間及設施之保全", "Securing offices, rooms and facilities"}},
	{"A.7.4", {"實體安全監控", "Watching physical security"}},
	{"A.7.5", {"實體及環境威脅之防護", "Protection from physical and environmental threats"}},
	{"A.7.6", {"安全區域內之工作", "Working in secure areas"}},
	{"A.7.7", {"桌面淨空及螢幕淨空", "Clear desk and clear screen"}},
	{"A.7.8", {"設備安置及保護", "Placing and protecting equipment"}},
	{"A.7.9", {"場所外資產之安全", "Assets off the premises"}},
	{"A.7.10", {"儲存媒體", "Storage media"}},
	{"A.7.11", {"支援之公用服務", "Supporting utilities"}},
	{"A.7.12", {"纜線安全", "Cabling"}},
	{"A.7.13", {"設備維護", "Maintaining equipment"}},
	{"A.7.14", {"設備之安全汰除或再使用", "Disposing of or reusing equipment"}},
	/* 8 technological */
	{"A.8.1", {"使用者端點裝置", "User endpoint devices"}},
	{"A.8.2", {"特權存取權限", "Privileged access"}},
	{"A.8.3", {"資訊存取限制", "Restricting access to information"}},
	{"A.8.4", {"原始碼之存取", "Access to source code"}},
	{"A.8.5", {"安全鑑別", "Secure authentication"}},
	{"A.8.6", {"容量管理", "Capacity"}},
	{"A.8.7", {"惡意軟體之防護", "Protection from malware"}},
	{"A.8.8", {"技術脆弱性管理", "Technical vulnerabilities"}},
	{"A.8.9", {"組態管理", "Configuration"}},
	{"A.8.10", {"資訊刪除", "Deleting information"}},
	{"A.8.11", {"資料遮蔽", "Masking data"}},
	{"A.8.12", {"資料洩露預防", "Preventing data leakage"}},
	{"A.8.13", {"資訊備份", "Backups"}},
	{"A.8.14", {"資訊處理設施之備援", "Redundant processing facilities"}},
	{"A.8.15", {"日誌記錄", "Logging"}},
	{"A.8.16", {"監控活動", "Monitoring"}},
	{"A.8.17", {"鐘訊同步", "Clock synchronisation"}},
	{"A.8.18", {"具特權公用程式之使用", "Privileged utility programs"}},
	{"A.8.19", {"運作中系統之軟體安裝", "Installing software on live systems"}},
	{"A.8.20", {"網路安全", "Network security"}},
	{"A.8.21", {"網路服務之安全", "Network services"}},
	{"A.8.22", {"網路區隔", "Separating networks"}},
	{"A.8.23", {"網頁過濾", "Web filtering"}},
	{"A.8.24", {"密碼技術之使用", "Cryptography"}},
	{"A.8.25", {"安全開發生命週期", "Secure development life cycle"}},
	{"A.8.26", {"應用系統之資安要求", "Application security requirements"}},
	{"A.8.27", {"安全系統架構及工程原則", "Secure architecture and engineering"}},
	{"A.8.28", {"安全程式撰寫", "Secure coding"}},
	{"A.8.29", {"開發及驗收中之安全測試", "Security testing before acceptance"}},
	{"A.8.30", {"委外開發", "Outsourced development"}},
	{"A.8.31", {"開發、測試及正式環境之區隔", "Separate development, test and production"}},
	{"A.8.32", {"變更管理", "Change management"}},
	{"A.8.33", {"測試資訊", "Test data"}},
	{"A.8.34", {"稽核測試期間資訊系統之保護", "Protecting systems during audit tests"}},
};
const size_t isms_annex_a_count = sizeof isms_annex_a / sizeof *isms_annex_a;

const isms_catalogue_control *
isms_annex_a_find(const char *id)
{
	for (size_t i = 0; id && i < isms_annex_a_count; i++)
		if (!strcmp(isms_annex_a[i].id, id))
			return &isms_annex_a[i];
	return NULL;
}

const isms_control *
isms_org_control(const isms_org *org, const char *id)
{
	for (size_t i = 0; i < org->ncontrols; i++)
		if (org->controls[i].id && !strcmp(org->controls[i].id, id))
			return &org->controls[i];
	return NULL;
}
