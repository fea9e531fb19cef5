/* Template helpers (model layer; no I/O). */
#include "template.h"

#include <string.h>

void
isms_template_free(isms_template *t)
{
	if (t)
		isms_arena_free(t->arena);
}

static int
in_list(const char *list, const char *word)
{
	size_t k = strlen(word);
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n == k && !strncmp(p, word, k))
			return 1;
		p += n;
	}
	return 0;
}

int
isms_tpl_applies(const isms_tpl_node *n, const isms_org *org)
{
	unsigned bit = ISMS_TPL_KIND_BIT(org->kind);
	if (n->when && !(n->when & bit))
		return 0;
	if (n->unless & bit)
		return 0;
	if (n->sectors && !in_list(n->sectors, org->sector ? org->sector : ""))
		return 0;
	return 1;
}
