/* 資通安全承諾書: the top management's commitment statement (ISO/IEC 27001:2022 5.1),
 * from templates/commitment.xml or the organisation's own commitments, signed by the
 * head of the organisation. */
#include "clause5.h"

#include <string.h>

static int
gen(c5 *c, const char *kind, int depth, const isms_loc *where)
{
	dctx *d = &c->d;
	const isms_org *o = d->c->org;
	const isms_leadership *l = &o->leadership;
	if (strcmp(kind, "signature"))
		return c5_no_such(c, kind, where, "signature");
	const isms_person *p = l->commitment_signer;
	isms_doc_space(d->doc, 30);
	c5_right(c, ISMS_FIELD, F(d, "立承諾人：%s　%s　（簽章）", o->head_title.zh, N(d, p->name.zh)),
	         F(d, "Signed: %s, %s", N(d, p->name.en ? p->name.en : p->name.zh),
	           o->head_title.en ? o->head_title.en : o->head_title.zh));
	isms_doc_space(d->doc, 8);
	char b[64], e[64];
	c5_right(c, ISMS_FIELD, N(d, isms_date_roc_long(l->commitment_date, b, sizeof b)),
	         F(d, "Date: %s", N(d, isms_date_en(l->commitment_date, e, sizeof e))));
	(void)depth;
	return 0;
}

int
isms_docs_commitment(const isms_docctx *ctx, const char *templates_dir, const char *path)
{
	c5 c;
	int rc = c5_open(&c, ctx, ISMS_DOC_COMMITMENT, templates_dir, gen);
	if (rc)
		return rc;
	const isms_leadership *l = &ctx->org->leadership;
	const isms_person *p = l->commitment_signer;
	c5_var(&c, "signer", p->name.zh, p->name.en);
	c5_var(&c, "signer.title", p->job_title.zh, p->job_title.en);
	c5_var(&c, "date", c5_date(&c, 0, l->commitment_date), c5_date(&c, 1, l->commitment_date));
	c.own_id = "commitments";
	c.own = l->commitment_text;
	c.own_loc = l->commitment_loc;
	return c5_write(&c, path);
}
