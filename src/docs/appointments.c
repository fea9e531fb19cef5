/* 任命書 / 派令: the appointment of the CISO and the ISMS roles (ISO/IEC 27001:2022
 * 5.3), generated from the bodies and their roles: an agency's 派令 (主旨, 說明, 附表),
 * a school's or a company's 任命書 (templates/appointments.xml decides the wording by
 * kind), signed by the head. */
#include "clause5.h"

#include <string.h>

static void
field(c5 *c, const char *zh, const char *en, const char *value)
{
	dctx *d = &c->d;
	/* 日期：… / Date: … / under bi 日期 Date：… */
	const char *lab = d->en ? F(d, "%s: ", en) : d->bi ? F(d, "%s %s：", zh, en) : F(d, "%s：", zh);
	isms_doc_para(d->doc, ISMS_FIELD, 0, NULL, F(d, "%s%s", lab, value), ISMS_LEFT);
}

static void
letter_head(c5 *c)
{
	dctx *d = &c->d;
	const isms_leadership *l = &d->c->org->leadership;
	int agency = d->c->org->kind == ISMS_ORG_AGENCY;
	field(c, agency ? "發文日期" : "日期", "Date", D(d, l->appointment_date));
	field(c, agency ? "發文字號" : "字號", "Ref. No.", N(d, l->appointment_number));
	isms_doc_space(d->doc, 8);
}

static void
appointees(c5 *c)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	const isms_leadership *l = &o->leadership;
	double w[] = {0.5, 2.2, 1.3, 2.3, 1.5};
	isms_table *t = isms_doc_table(d->doc, 5, w, 1);
	isms_table_row(t);
	docs_head_cell(t, L(d, "編號", "No."), 1, 1);
	docs_head_cell(t, L(d, "職務", "Role"), 1, 1);
	docs_head_cell(t, L(d, "姓名", "Name"), 1, 1);
	docs_head_cell(t, L(d, "服務單位及職稱", "Unit and position"), 1, 1);
	docs_head_cell(t, L(d, "生效日期", "Effective"), 1, 1);
	int n = 0;
	for (size_t i = 0; i < o->nbodies; i++) {
		const isms_body *b = &o->bodies[i];
		isms_table_row(t);
		isms_table_cell(t, Tl(d, b->name), 5, 1, ISMS_LEFT);
		isms_table_shade(t, 0.95, 1);
		for (size_t k = 0; k < b->nroles; k++) {
			const isms_role *r = &b->roles[k];
			const isms_person *p = r->person;
			isms_table_row(t);
			isms_table_cell(t, F(d, "%d", ++n), 1, 1, ISMS_CENTER);
			isms_table_cell(t, T(d, isms_role_title(b, r)), 1, 1, ISMS_LEFT);
			isms_table_cell(t, TN(d, p->name), 1, 1, ISMS_CENTER);
			isms_table_cell(t, d->en ? F(d, "%s, %s", T(d, p->job_title), TN(d, p->unit->name))
			                         : d->bi ? F(d, "%s%s\n%s, %s", N(d, p->unit->name.zh), p->job_title.zh,
			                                     p->job_title.en ? p->job_title.en : p->job_title.zh,
			                                     N(d, p->unit->name.en ? p->unit->name.en : p->unit->name.zh))
			                                 : F(d, "%s%s", N(d, p->unit->name.zh), p->job_title.zh),
			                1, 1, ISMS_LEFT);
			isms_table_cell(t, D(d, l->appointment_effective), 1, 1, ISMS_CENTER);
		}
	}
}

static void
signature(c5 *c)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	const isms_leadership *l = &o->leadership;
	const isms_person *p = l->appointment_signer;
	isms_doc_space(d->doc, 24);
	const char *zh = F(d, "%s　%s", o->head_title.zh, N(d, p->name.zh));
	const char *en = F(d, "%s, %s", N(d, p->name.en ? p->name.en : p->name.zh),
	                   o->head_title.en ? o->head_title.en : o->head_title.zh);
	c5_right(c, ISMS_SUBTITLE, zh, en);
}

static int
gen(c5 *c, const char *kind, int depth, const isms_loc *where)
{
	(void)depth;
	if (!strcmp(kind, "letter-head"))
		letter_head(c);
	else if (!strcmp(kind, "appointees"))
		appointees(c);
	else if (!strcmp(kind, "signature"))
		signature(c);
	else
		return c5_no_such(c, kind, where, "letter-head, appointees, signature");
	return 0;
}

int
isms_docs_appointments(const isms_docctx *ctx, const char *templates_dir, const char *path)
{
	c5 c;
	int rc = c5_open(&c, ctx, ISMS_DOC_APPOINTMENTS, templates_dir, gen);
	if (rc)
		return rc;
	dctx *d = &c.d;
	const isms_leadership *l = &ctx->org->leadership;
	const isms_person *p = l->appointment_signer;
	c5_var(&c, "signer", p->name.zh, p->name.en);
	c5_var(&c, "number", l->appointment_number, NULL);
	c5_var(&c, "date", c5_date(&c, 0, l->appointment_date), c5_date(&c, 1, l->appointment_date));
	c5_var(&c, "effective", c5_date(&c, 0, l->appointment_effective), c5_date(&c, 1, l->appointment_effective));
	/* a company appoints by its board's resolution or by its head's decision */
	if (l->appointment_basis == ISMS_BASIS_BOARD)
		c5_var(&c, "basis", F(d, "依{self}%s董事會決議", c5_date(&c, 0, l->appointment_decided)),
		       F(d, "By resolution of the board of directors of %s", c5_date(&c, 1, l->appointment_decided)));
	else
		c5_var(&c, "basis", "奉{head}核定", "As decided by the {head}");
	return c5_write(&c, path);
}
