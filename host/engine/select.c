/*
 * select.c - parsing and evaluating --rules expressions (see select.h): a
 * recursive-descent parser into a small tree.
 */
#include "engine/select.h"
#include "base/error.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum node_kind { N_WORD, N_NOT, N_AND, N_OR };

struct node {
	enum node_kind kind;
	char *word;
	int col;
	struct node *a, *b;
};

struct hk_select {
	struct node *root;
};

struct parser {
	const char *s;
	size_t pos;
	int err;
};

static void node_free(struct node *n)
{
	if (!n)
		return;
	node_free(n->a);
	node_free(n->b);
	free(n->word);
	free(n);
}

static struct node *node_new(struct parser *p, enum node_kind k, struct node *a, struct node *b)
{
	struct node *n = calloc(1, sizeof(*n));
	if (!n) {
		p->err = hk_error_setc(HK_EINTERNAL, "out of memory");
		node_free(a);
		node_free(b);
		return NULL;
	}
	n->kind = k;
	n->a = a;
	n->b = b;
	return n;
}

static int word_char(char c)
{
	return c && !isspace((unsigned char)c) && c != '(' && c != ')' && c != ',';
}

static void skip_ws(struct parser *p)
{
	while (isspace((unsigned char)p->s[p->pos]))
		p->pos++;
}

/* Length of the word at the cursor (0 at a delimiter or the end). */
static size_t word_len(const struct parser *p)
{
	size_t n = 0;
	while (word_char(p->s[p->pos + n]))
		n++;
	return n;
}

static int at_keyword(const struct parser *p, const char *kw)
{
	size_t n = word_len(p);
	return n == strlen(kw) && strncasecmp(p->s + p->pos, kw, n) == 0;
}

static int fail(struct parser *p, const char *what)
{
	if (!p->err) {
		const char *at = p->s[p->pos] ? p->s + p->pos : "the end";
		p->err = hk_error_setc(HK_EINPUT, "--rules '%s': column %zu: %s (at '%.20s')", p->s, p->pos + 1, what,
				       at);
	}
	return p->err;
}

static struct node *parse_expr(struct parser *p);

static struct node *parse_factor(struct parser *p)
{
	size_t n;
	struct node *x;

	skip_ws(p);
	if (p->s[p->pos] == '(') {
		p->pos++;
		x = parse_expr(p);
		if (!x)
			return NULL;
		skip_ws(p);
		if (p->s[p->pos] != ')') {
			fail(p, "expected ')'");
			node_free(x);
			return NULL;
		}
		p->pos++;
		return x;
	}
	if (at_keyword(p, "not")) {
		p->pos += 3;
		x = parse_factor(p);
		return x ? node_new(p, N_NOT, x, NULL) : NULL;
	}
	if (at_keyword(p, "and") || at_keyword(p, "or")) {
		fail(p, "expected a rule id, glob, category or severity, not an operator");
		return NULL;
	}
	n = word_len(p);
	if (n == 0) {
		fail(p, "expected a rule id, glob, category or severity");
		return NULL;
	}
	x = node_new(p, N_WORD, NULL, NULL);
	if (!x)
		return NULL;
	x->col = (int)p->pos + 1;
	x->word = strndup(p->s + p->pos, n);
	if (!x->word) {
		node_free(x);
		p->err = hk_error_setc(HK_EINTERNAL, "out of memory");
		return NULL;
	}
	p->pos += n;
	return x;
}

static struct node *parse_term(struct parser *p)
{
	struct node *x = parse_factor(p);
	for (;;) {
		skip_ws(p);
		if (!x || !at_keyword(p, "and"))
			return x;
		p->pos += 3;
		{
			struct node *y = parse_factor(p);
			if (!y) {
				node_free(x);
				return NULL;
			}
			x = node_new(p, N_AND, x, y);
		}
	}
}

static struct node *parse_expr(struct parser *p)
{
	struct node *x = parse_term(p);
	for (;;) {
		skip_ws(p);
		if (!x)
			return NULL;
		if (at_keyword(p, "or"))
			p->pos += 2;
		else if (p->s[p->pos] == ',')
			p->pos++;
		else
			return x;
		{
			struct node *y = parse_term(p);
			if (!y) {
				node_free(x);
				return NULL;
			}
			x = node_new(p, N_OR, x, y);
		}
	}
}

int hk_select_parse(hk_select **out, const char *expr)
{
	struct parser p = {expr, 0, 0};
	struct node *root;
	hk_select *s;

	*out = NULL;
	root = parse_expr(&p);
	if (root) {
		skip_ws(&p);
		if (p.s[p.pos]) {
			fail(&p, p.s[p.pos] == ')' ? "unbalanced ')'" : "expected 'and', 'or' or the end");
			node_free(root);
			root = NULL;
		}
	}
	if (!root)
		return p.err ? p.err : hk_error_setc(HK_EINPUT, "--rules: empty expression");
	s = calloc(1, sizeof(*s));
	if (!s) {
		node_free(root);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	s->root = root;
	*out = s;
	return 0;
}

void hk_select_free(hk_select *s)
{
	if (!s)
		return;
	node_free(s->root);
	free(s);
}

int hk_select_glob_match(const char *pat, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*pat == '*') {
			star = pat++;
			resume = s;
		} else if (*pat == '?' || *pat == *s) {
			pat++;
			s++;
		} else if (star) {
			pat = star + 1;
			s = ++resume;
		} else {
			return 0;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}

static int word_match(const char *w, const char *id, const char *category, const char *severity)
{
	return strcasecmp(w, "all") == 0 || strcmp(w, category) == 0 || strcmp(w, severity) == 0 ||
	       hk_select_glob_match(w, id);
}

static int eval(const struct node *n, const char *id, const char *category, const char *severity)
{
	switch (n->kind) {
	case N_WORD: return word_match(n->word, id, category, severity);
	case N_NOT: return !eval(n->a, id, category, severity);
	case N_AND: return eval(n->a, id, category, severity) && eval(n->b, id, category, severity);
	default: return eval(n->a, id, category, severity) || eval(n->b, id, category, severity);
	}
}

int hk_select_match(const hk_select *s, const char *id, const char *category, const char *severity)
{
	return eval(s->root, id, category, severity);
}

static const struct node *unmatched(const struct node *n, const char *const *ids, const char *const *cats,
				    const char *const *sevs, size_t count)
{
	const struct node *u;
	if (!n)
		return NULL;
	if (n->kind == N_WORD) {
		for (size_t i = 0; i < count; i++)
			if (word_match(n->word, ids[i], cats[i], sevs[i]))
				return NULL;
		return n;
	}
	if ((u = unmatched(n->a, ids, cats, sevs, count)))
		return u;
	return unmatched(n->b, ids, cats, sevs, count);
}

int hk_select_check(const hk_select *s, const char *const *ids, const char *const *categories,
		    const char *const *severities, size_t n)
{
	const struct node *u = unmatched(s->root, ids, categories, severities, n);
	if (u)
		return hk_error_setc(HK_EINPUT,
				     "--rules: column %d: '%s' is not a rule id, glob, category or severity of this pack",
				     u->col, u->word);
	return 0;
}
