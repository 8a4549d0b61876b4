/*
 * output.c - the finding writers of output.h.
 */
#include "engine/output.h"
#include "base/error.h"
#include "base/i18n.h"
#include "base/csvw.h"
#include "base/json.h"
#include "base/text.h"

#include <errno.h>
#include <string.h>

int hk_output_format_parse(enum hk_format *out, const char *name)
{
	static const char *const names[] = {"table", "json", "jsonl", "csv"};
	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum hk_format)i;
			return 0;
		}
	return hk_error_setc(HK_EINPUT, "--format %s: not one of table, json, jsonl, csv", name);
}

int hk_output_finding_json(hk_buf *b, const struct hk_finding *f, const char *as_of)
{
	int err = hk_buf_puts(b, "{\"id\":");
	err = err ? err : hk_json_put_str(b, f->id, strlen(f->id));
	err = err ? err : hk_buf_puts(b, ",\"rule\":");
	err = err ? err : hk_json_put_str(b, f->rule, strlen(f->rule));
	err = err ? err : hk_buf_puts(b, ",\"entity\":");
	err = err ? err : hk_json_put_str(b, f->entity, strlen(f->entity));
	err = err ? err : hk_buf_puts(b, ",\"category\":");
	err = err ? err : hk_json_put_str(b, f->category, strlen(f->category));
	err = err ? err : hk_buf_puts(b, ",\"severity\":");
	err = err ? err : hk_json_put_str(b, f->severity, strlen(f->severity));
	err = err ? err : hk_buf_puts(b, ",\"message\":");
	err = err ? err : hk_json_put_str(b, f->message, strlen(f->message));
	if (f->message_en && *f->message_en) {
		err = err ? err : hk_buf_puts(b, ",\"message_en\":");
		err = err ? err : hk_json_put_str(b, f->message_en, strlen(f->message_en));
	}
	if (as_of && *as_of) {
		err = err ? err : hk_buf_puts(b, ",\"as_of\":");
		err = err ? err : hk_json_put_str(b, as_of, strlen(as_of));
	}
	err = err ? err : hk_buf_puts(b, ",\"evidence\":");
	err = err ? err : hk_buf_puts(b, f->evidence_json && *f->evidence_json ? f->evidence_json : "{}");
	return err ? err : hk_buf_putc(b, '}');
}

static int csv_field(hk_buf *b, const char *s, int last)
{
	int err = hk_csvw_str(b, s);
	return err ? err : hk_buf_putc(b, last ? '\n' : ',');
}

/* Display width of UTF-8 text: 2 for a 3- or 4-byte sequence (CJK), else 1. */
static size_t display_width(const char *s)
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		w += *p >= 0xE0 ? 2 : 1;
	}
	return w;
}

/* Display width of s as a table shows it (made visible, base/text.h). */
static size_t cell_width(hk_buf *scratch, const char *s)
{
	return display_width(hk_text_vis(scratch, s, 0));
}

/* Appends s made visible (one line), padded to width + 2 columns. */
static int pad(hk_buf *b, hk_buf *scratch, const char *s, size_t width)
{
	const char *v = hk_text_vis(scratch, s, 0);
	int err = hk_buf_puts(b, v);
	for (size_t w = display_width(v); w < width + 2 && !err; w++)
		err = hk_buf_putc(b, ' ');
	return err;
}

static int flush(FILE *f, hk_buf *b)
{
	if (b->len && fwrite(b->ptr, 1, b->len, f) != b->len)
		return hk_error_setc(HK_EINTERNAL, "cannot write the findings: %s", hk_strerror(errno));
	hk_buf_clear(b);
	return 0;
}

/* The table's headers and severities in the reader's language (keys,
 * base/i18n.h hk_tr_key; English shows the word after ':'). */
static const char *const table_keys[] = {
	N_("head:ID"),	      N_("head:SEVERITY"),   N_("head:RULE"),	  N_("head:ENTITY"), N_("head:MESSAGE"),
	N_("severity:critical"), N_("severity:high"), N_("severity:medium"), N_("severity:low"),  N_("severity:info"),
};

/* A severity code in words (the code itself in English, or when unknown). */
static const char *severity_word(char *buf, size_t bufsz, const char *code)
{
	(void)table_keys;
	snprintf(buf, bufsz, "severity:%s", code ? code : "");
	snprintf(buf, bufsz, "%s", hk_tr_key(buf));
	return buf;
}

int hk_output_write(FILE *f, enum hk_format fmt, const struct hk_finding *v, size_t n, int flags,
		    const char *as_of)
{
	hk_buf b = HK_BUF_INIT, scratch = HK_BUF_INIT;
	const char *h_id = hk_tr_key("head:ID"), *h_sev = hk_tr_key("head:SEVERITY"), *h_rule = hk_tr_key("head:RULE"),
		   *h_ent = hk_tr_key("head:ENTITY"), *h_msg = hk_tr_key("head:MESSAGE");
	size_t wr = 4, we = 6, ws = 8;
	char sev[64];
	int err = 0;

	if (fmt == HK_FORMAT_TABLE) {
		wr = cell_width(&scratch, h_rule);
		we = cell_width(&scratch, h_ent);
		ws = cell_width(&scratch, h_sev);
		for (size_t i = 0; i < n; i++) {
			size_t x;
			if ((x = cell_width(&scratch, v[i].rule)) > wr)
				wr = x;
			if ((x = cell_width(&scratch, v[i].entity)) > we)
				we = x;
			if ((x = cell_width(&scratch, severity_word(sev, sizeof(sev), v[i].severity))) > ws)
				ws = x;
		}
		err = pad(&b, &scratch, h_id, HK_FINDING_ID_LEN);
		err = err ? err : pad(&b, &scratch, h_sev, ws);
		err = err ? err : pad(&b, &scratch, h_rule, wr);
		err = err ? err : pad(&b, &scratch, h_ent, we);
		err = err ? err : hk_buf_puts(&b, h_msg);
		err = err ? err : hk_buf_putc(&b, '\n');
	} else if (fmt == HK_FORMAT_CSV) {
		err = hk_buf_puts(&b, flags & HK_OUTPUT_NO_BOM ? "" : HK_CSVW_BOM);
		err = err ? err : hk_buf_puts(&b, "id,rule,entity,category,severity,message,evidence\n");
	} else if (fmt == HK_FORMAT_JSON) {
		err = hk_buf_puts(&b, n ? "[\n" : "[]\n");
	}
	for (size_t i = 0; i < n && !err; i++) {
		const struct hk_finding *x = &v[i];
		switch (fmt) {
		case HK_FORMAT_TABLE:
			err = pad(&b, &scratch, x->id, HK_FINDING_ID_LEN);
			err = err ? err : pad(&b, &scratch, severity_word(sev, sizeof(sev), x->severity), ws);
			err = err ? err : pad(&b, &scratch, x->rule, wr);
			err = err ? err : pad(&b, &scratch, x->entity, we);
			err = err ? err : hk_text_visible(&b, hk_finding_message(x, hk_lang()),
							  strlen(hk_finding_message(x, hk_lang())), 0);
			err = err ? err : hk_buf_putc(&b, '\n');
			break;
		case HK_FORMAT_JSON:
			err = hk_buf_puts(&b, "  ");
			err = err ? err : hk_output_finding_json(&b, x, as_of);
			err = err ? err : hk_buf_puts(&b, i + 1 < n ? ",\n" : "\n]\n");
			break;
		case HK_FORMAT_JSONL:
			err = hk_output_finding_json(&b, x, as_of);
			err = err ? err : hk_buf_putc(&b, '\n');
			break;
		case HK_FORMAT_CSV:
			err = csv_field(&b, x->id, 0);
			err = err ? err : csv_field(&b, x->rule, 0);
			err = err ? err : csv_field(&b, x->entity, 0);
			err = err ? err : csv_field(&b, x->category, 0);
			err = err ? err : csv_field(&b, x->severity, 0);
			err = err ? err : csv_field(&b, hk_finding_message(x, hk_lang()), 0);
			err = err ? err : csv_field(&b, x->evidence_json ? x->evidence_json : "{}", 1);
			break;
		}
		if (!err && b.len > 65536)
			err = flush(f, &b);
	}
	err = err ? err : flush(f, &b);
	if (!err && fflush(f) != 0)
		err = hk_error_setc(HK_EINTERNAL, "cannot write the findings: %s", hk_strerror(errno));
	hk_buf_free(&b);
	hk_buf_free(&scratch);
	return err;
}
