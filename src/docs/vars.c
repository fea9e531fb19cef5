/* Template variables (docs layer; pure). */
#include "vars.h"

#include <stdio.h>
#include <string.h>

static const char *const zh_digits[] = {"零", "一", "二", "三", "四", "五", "六", "七",
	"八", "九", "十", "十一", "十二"};

const char *
isms_vars_self(const isms_org *org, int en, int cap)
{
	static const char *const zh[] = {"本所", "本校", "本公司"};
	static const char *const en_l[] = {"the Office", "the University", "the Company"};
	static const char *const en_c[] = {"The Office", "The University", "The Company"};
	if (!en) {
		/* An agency calls itself by the last character of its name: 鄉公所 → 本所,
		 * 環境保護局 → 本局, 市政府 → 本府. */
		static const char *const agency[][2] = {{"局", "本局"}, {"處", "本處"},
			{"署", "本署"}, {"所", "本所"}, {"府", "本府"}, {"會", "本會"},
			{"部", "本部"}, {"院", "本院"}, {"館", "本館"}, {"中心", "本中心"}};
		const char *name = org->short_name.zh ? org->short_name.zh : org->name.zh;
		size_t len = name ? strlen(name) : 0;
		if (org->kind == ISMS_ORG_AGENCY)
			for (size_t i = 0; i < sizeof agency / sizeof *agency; i++) {
				size_t k = strlen(agency[i][0]);
				if (len >= k && !strcmp(name + len - k, agency[i][0]))
					return agency[i][1];
			}
		return zh[org->kind];
	}
	if (org->kind == ISMS_ORG_AGENCY && org->short_name.zh) {
		size_t len = strlen(org->short_name.zh);
		if (len >= 3 && !strcmp(org->short_name.zh + len - 3, "局"))
			return cap ? "The Bureau" : "the Bureau";
	}
	return cap ? en_c[org->kind] : en_l[org->kind];
}

void
isms_vars_frequency(int n, int en, isms_buf *out)
{
	if (en) {
		static const char *const words[] = {"", "once", "twice", "three times", "four times"};
		if (n >= 1 && n <= 4)
			isms_buf_printf(out, "at least %s a year", words[n]);
		else
			isms_buf_printf(out, "at least %d times a year", n);
	} else {
		isms_buf_printf(out, "每年至少%s次", n >= 0 && n <= 12 ? zh_digits[n] : "數");
	}
}

void
isms_vars_interval(int months, int en, isms_buf *out)
{
	if (months % 12 == 0) {
		int y = months / 12;
		if (en)
			isms_buf_printf(out, y == 1 ? "every year" : "every %d years", y);
		else if (y == 1)
			isms_buf_puts(out, "每年");
		else
			isms_buf_printf(out, "每%s年", y <= 12 ? zh_digits[y] : "數");
	} else {
		if (en)
			isms_buf_printf(out, months == 1 ? "every month" : "every %d months", months);
		else
			isms_buf_printf(out, "每%s個月", months <= 12 ? zh_digits[months] : "數");
	}
}

static const char *
pick(isms_text t, int en)
{
	return en && t.en ? t.en : t.zh;
}

static const isms_role *
role_of(const isms_org *org, enum isms_body_kind bk, enum isms_role_kind rk,
        const isms_body **body)
{
	*body = isms_org_body_of_kind(org, bk);
	return *body ? isms_body_role(*body, rk) : NULL;
}

/* 0 ok; -1 when the variable is unknown or the data lacks it. */
static int
resolve(const isms_org *org, enum isms_doc_kind doc, int en, const char *name, isms_buf *out)
{
	const isms_body *b;
	const isms_role *r;
	if (!strcmp(name, "self") || !strcmp(name, "Self")) {
		isms_buf_puts(out, isms_vars_self(org, en, name[0] == 'S'));
	} else if (!strcmp(name, "org")) {
		isms_buf_puts(out, pick(org->name, en));
	} else if (!strcmp(name, "org.short")) {
		isms_buf_puts(out, pick(org->short_name, en));
	} else if (!strcmp(name, "head")) {
		isms_buf_puts(out, pick(org->head_title, en));
	} else if (!strcmp(name, "scope")) {
		isms_buf_puts(out, pick(org->scope, en));
	} else if (!strcmp(name, "committee") || !strcmp(name, "execution") || !strcmp(name, "audit")) {
		enum isms_body_kind k = name[0] == 'c' ? ISMS_BODY_COMMITTEE
		                        : name[0] == 'e' ? ISMS_BODY_EXECUTION : ISMS_BODY_AUDIT;
		b = isms_org_body_of_kind(org, k);
		if (!b)
			return -1;
		isms_buf_puts(out, pick(b->name, en));
	} else if (!strcmp(name, "ciso") || !strcmp(name, "deputy") || !strcmp(name, "officer")) {
		r = name[0] == 'c' ? role_of(org, ISMS_BODY_COMMITTEE, ISMS_ROLE_CHAIR, &b)
		    : name[0] == 'd' ? role_of(org, ISMS_BODY_COMMITTEE, ISMS_ROLE_VICE_CHAIR, &b)
		                     : role_of(org, ISMS_BODY_EXECUTION, ISMS_ROLE_OFFICER, &b);
		if (!r)
			return -1;
		isms_buf_puts(out, pick(isms_role_title(b, r), en));
	} else if (!strcmp(name, "approver")) {
		/* the register first: an <approval> only where it has no entry */
		const isms_document *d = isms_org_document_of_kind(org, doc);
		const isms_person *p = d ? d->approver : NULL;
		for (size_t i = 0; i < org->napprovals && !p; i++)
			if (org->approvals[i].kind == doc)
				p = org->approvals[i].approver;
		if (!p)
			return -1;
		isms_buf_puts(out, pick(p->job_title, en));
	} else if (!strcmp(name, "audit.frequency")) {
		isms_vars_frequency(org->settings.internal_audits_per_year, en, out);
	} else if (!strcmp(name, "review.frequency")) {
		isms_vars_frequency(org->settings.reviews_per_year, en, out);
	} else if (!strcmp(name, "drill.interval")) {
		isms_vars_interval(org->settings.drill_interval_months, en, out);
	} else if (!strcmp(name, "policy.review")) {
		isms_vars_interval(org->settings.policy_review_months, en, out);
	} else if (!strcmp(name, "misses")) {
		isms_buf_printf(out, "%d", org->settings.corrective_after_misses);
	} else if (!strncmp(name, "doc:", 4) || !strncmp(name, "form:", 5)) {
		const char *kind = strchr(name, ':') + 1;
		int k = isms_enum_lookup(isms_doc_kind_names, kind);
		const isms_document *d = k < 0 ? NULL : isms_org_document_of_kind(org, (enum isms_doc_kind)k);
		if (!d && k >= 0 && k != ISMS_DOC_OTHER) {
			/* ismspack writes this document itself: name it by its usual title */
			static const char *const zh[] = {"資通安全管理政策", "資訊安全組織管理程序",
				"資通安全目標管理程序", "資通安全目標設定表", "資通安全目標檢討表",
				"資訊安全目標量測統計表", "管理審查會議紀錄", "適用性聲明書",
				"資通安全承諾書", "資訊安全組織任命書", "資通安全政策宣導紀錄"};
			static const char *const en_t[] = {"Information Security Policy",
				"ISMS Organisation Procedure", "Security Objectives Management Procedure",
				"Target-Setting Form", "Quarterly Review Form", "KPI Measurement Table",
				"Management Review Minutes", "Statement of Applicability",
				"Information Security Commitment Statement", "Appointment of the ISMS Roles",
				"Policy Communication Record"};
			if (en)
				isms_buf_printf(out, "the %s", en_t[k]);
			else
				isms_buf_printf(out, "「%s」", zh[k]);
			return 1;
		}
		if (!d)
			return -1;
		if (en)
			isms_buf_printf(out, "%s %s", d->number, pick(d->title, en));
		else
			isms_buf_printf(out, "%s「%s」", d->number, d->title.zh);
	} else {
		return -1;
	}
	return 0;
}

int
isms_vars_expand(const isms_org *org, enum isms_doc_kind doc, int en, const char *text,
                 const isms_loc *where, isms_buf *out)
{
	int rc = 0;
	for (const char *p = text; *p;) {
		const char *open = strchr(p, '{');
		if (!open) {
			isms_buf_puts(out, p);
			break;
		}
		isms_buf_append(out, p, (size_t)(open - p));
		const char *close = strchr(open, '}');
		if (!close) {
			isms_error(where, "unclosed \"{\" in template text: write {name}");
			isms_buf_puts(out, open);
			return -1;
		}
		char name[64];
		size_t n = (size_t)(close - open - 1);
		if (n >= sizeof name)
			n = sizeof name - 1;
		memcpy(name, open + 1, n);
		name[n] = '\0';
		int r = resolve(org, doc, en, name, out);
		/* r == 1: no register entry; the loader warns at the user's <documents> */
		if (r < 0) {
			isms_error(where, "template variable {%s} is unknown or has no value in the "
			           "organisation's data (see templates/README.md)", name);
			isms_buf_append(out, open, (size_t)(close - open + 1));
			rc = -1;
		}
		p = close + 1;
	}
	return rc;
}
