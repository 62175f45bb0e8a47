"""Article-level deduplication: the same story under another URL, the same text, or a syndicated near-copy.

Checks, in order: same canonical URL → ``url``; same normalised-text hash → ``exact``; MinHash LSH over word
3-shingles (candidates from Jaccard ≈ ``lsh_threshold`` up), verified on each candidate by the *containment*
|A∩B| / min(|A|, |B|) computed from the MinHash Jaccard estimate and the shingle counts, ≥ threshold → ``near``
(containment, not Jaccard, because truncated copies and copies with boilerplate have a modest Jaccard) — unless the
facts differ (`stories_differ`, the "fact veto"): the two leads (first 80 words) both give figures and share none,
or, aligned word by word, one lead puts another figure, name or opening side where the other has one ("in Kano on
Monday, leaving 5 dead" / "in Jos on Friday, leaving 9 dead"). The same template telling another attack is a
different story however many words it shares; a copy that dropped a figure or replaced a word is not.

Two ways to use it:

- ``ArticleDeduper.check(article)`` streams: the verdict compares the article with those seen *before* it, so the
  first seen copy is the "original". The LSH index and signatures are bounded by ``max_items`` (oldest evicted
  first; ≈ 5 kB per article); `resolve()` keeps a few small values per article of the run.
- ``ArticleDeduper.resolve()`` (or ``dedup_articles``, which skips the streaming search: ``streaming=False``) after
  all articles of a run were checked gives verdicts that do not depend on input order and are true pair by pair.
  The same URL or text makes one document; documents are taken in canonical order (earliest published, ties and
  unknown dates last, by the smallest id), and one joins the cluster of an earlier document it is linked to only if
  it matches that cluster's original *on its own* (containment and fact veto), never through another copy: links
  are not closed transitively, so A~B and B~C do not put C with A when C does not match A. Every duplicate's
  verdict, kind and similarity are measured against its original. (Two copies of one original, each edited, need
  not match each other: on the benchmark they often fall below the threshold while each matches the original.)

Threshold 0.6 (``NEWSEVENTS_NEAR_DUPLICATE_THRESHOLD``) was chosen on the benchmark sweep in bench/dedup_bench.py:
the highest recall with precision >= 0.995 on syndicated copies and >= 0.99 on look-alike briefs, not below 0.6
(two real VOA stories a day apart, an attack and the rescue that followed, share 0.58).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from schemas.models import Article, Event, SourceRef

if TYPE_CHECKING:  # datasketch pulls in scipy: imported where hashing happens, not by every reader of this module
    from datasketch import MinHash

DupKind = Literal["new", "url", "exact", "near"]
_KIND_RANK: dict[str, int] = {"url": 3, "exact": 2, "near": 1, "new": 0}

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass(frozen=True)
class DupVerdict:
    """Whether an article repeats one already seen, and which one."""

    kind: DupKind
    duplicate_of: str | None = None
    similarity: float | None = None


# ---------------------------------------------------------------------------------------------------------------
# pure helpers


def normalise_text(text: str) -> str:
    """Case-, accent-spacing- and punctuation-insensitive form of a text, for hashing and shingling."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text))


def text_hash(text: str) -> str:
    """Digest of the normalised text: equal for copies that differ only in case, spacing or punctuation."""
    return hashlib.sha1(normalise_text(text).encode()).hexdigest()


def word_shingles(text: str, k: int = 3) -> set[bytes]:
    """Overlapping k-word shingles of the normalised text (the whole text when shorter than k words)."""
    words = normalise_text(text).split()
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def lead_numbers(text: str, lead_words: int = 80) -> frozenset[str]:
    """The figures in an article's opening words (tolls, counts, dates): copies keep them, other stories differ."""
    words = normalise_text(text).split()[:lead_words]
    return frozenset(w for w in words if any(ch.isdigit() for ch in w))


def facts_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both leads give figures and share none: two different stories told with the same words."""
    return bool(a) and bool(b) and not (a & b)


_SENTENCE_BREAK = frozenset(".!?:;\n—–-|")
_LEAD_WORDS = 80
_MAX_SWAP = 6  # words on each side of a differing stretch that can swap one fact for another
_TAIL = 8  # a lead cut at `lead_words` ends out of step with the other: no substitution is read in its last words


@dataclass(frozen=True, slots=True)
class LeadFacts:
    """What tells one story from a look-alike: the lead's words and which of them are facts, and every word of the
    text.

    `numbers` are the lead's figures as written (the original veto, `facts_conflict`); `words` are the hashes of the
    lead's words, and `facts` marks which are facts: 1 for figures, 3 for capitalised words that do not open a
    sentence (places, people, months, weekdays), 2 for a capitalised word that opens one (a side: "Rebels clashed",
    or just "The"); `seen` is every distinct word of the whole text, hashed and sorted. Hashes keep this to a few
    hundred bytes per article, since the deduper holds it for up to `max_items` articles."""

    numbers: frozenset[str]
    words: np.ndarray
    facts: np.ndarray
    seen: np.ndarray


def _hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8", "surrogatepass"))


_EMPTY = np.zeros(0, np.uint32)
_NO_FACTS = LeadFacts(frozenset(), _EMPTY, np.zeros(0, np.uint8), _EMPTY)


def lead_facts(text: str, outlet: str | None = None, lead_words: int = _LEAD_WORDS) -> LeadFacts:
    """The facts of an article's lead (see `LeadFacts`). Words of the article's own outlet name are no facts (a
    syndicated copy swaps "(Reuters)" for "(AFP)"), nor are all-capital words (datelines, kickers, acronyms)."""
    text = unicodedata.normalize("NFKC", text)
    own = set(normalise_text(outlet).split()) if outlet else set()
    words: list[int] = []
    facts: list[int] = []
    prev_end = 0
    for i, m in enumerate(_WORD.finditer(text)):
        if i >= lead_words:
            break
        word, gap, prev_end = m.group(), text[prev_end:m.start()], m.end()
        if not words and word.isupper() and len(word) > 1:
            continue  # a kicker or dateline ("BREAKING -", "KANO (Reuters) -") is no part of the story's wording
        folded = word.casefold()
        kind = 0
        if folded in own:
            pass
        elif any(ch.isdigit() for ch in word):
            kind = 1
        elif word[0].isupper() and not word.isupper():
            kind = 2 if not words or any(ch in _SENTENCE_BREAK for ch in gap) else 3
        words.append(_hash(folded))
        facts.append(kind)
    seen = np.unique(np.fromiter((_hash(w) for w in set(normalise_text(text).split())), dtype=np.uint32))
    return LeadFacts(numbers=lead_numbers(text, lead_words), words=np.array(words, dtype=np.uint32),
                     facts=np.array(facts, dtype=np.uint8), seen=seen)


def _new_facts(mine: LeadFacts, span: slice, other: LeadFacts) -> bool:
    """The span of `mine` holds a fact that is not the other text's: a figure, unless both leads give the same
    figures in another order; a name the other lead gives fewer times (so not just moved within the sentence); or an
    opening capitalised word the other text never uses."""
    for word, kind in zip(mine.words[span].tolist(), mine.facts[span].tolist(), strict=True):
        if kind == 1 and _figures(mine) != _figures(other):
            return True
        if kind == 3 and np.count_nonzero(mine.words == word) != np.count_nonzero(other.words == word):
            return True
        if kind == 2 and not np.isin(word, other.seen).item():
            return True
    return False


def _figures(f: LeadFacts) -> list[int]:
    return sorted(f.words[f.facts == 1].tolist())


def _swapped_fact(a: LeadFacts, b: LeadFacts) -> bool:
    """The two leads say the same thing but for a fact swapped for another in the same place: a short stretch that
    differs between equal words (or the start of the text) and equal words after it, holding a new fact on each side
    (`_new_facts`), and not in the last words of a lead cut short (there the two leads fall out of step)."""
    if not (a.facts.any() and b.facts.any()):
        return False
    ops = SequenceMatcher(None, a.words.tolist(), b.words.tolist(), autojunk=False).get_opcodes()
    end_a = len(a.words) - _TAIL if len(a.words) >= _LEAD_WORDS else len(a.words)
    end_b = len(b.words) - _TAIL if len(b.words) >= _LEAD_WORDS else len(b.words)
    k = 0
    while k < len(ops):
        if ops[k][0] == "equal":
            k += 1
            continue
        first = k  # a stretch of differing words: the ops up to the next equal block
        while k < len(ops) and ops[k][0] != "equal":
            k += 1
        if k == len(ops):
            break  # the leads end apart: a truncation, not a swap
        i1, j1, i2, j2 = ops[first][1], ops[first][3], ops[k - 1][2], ops[k - 1][4]
        if (i2 <= end_a and j2 <= end_b and i2 - i1 <= _MAX_SWAP and j2 - j1 <= _MAX_SWAP
                and _new_facts(a, slice(i1, i2), b) and _new_facts(b, slice(j1, j2), a)):
            return True
    return False


def stories_differ(a: LeadFacts, b: LeadFacts) -> bool:
    """The fact veto: two texts that share most words still tell different stories when their leads' figures share
    none, or when one lead puts another figure or name where the other has one (another toll, date or place). A
    fact dropped or replaced by an ordinary word on one side is an edit of a copy, not another story."""
    return facts_conflict(a.numbers, b.numbers) or _swapped_fact(a, b)


def containment(jaccard: np.ndarray, size: int | np.ndarray, other_sizes: np.ndarray) -> np.ndarray:
    """|A∩B| / min(|A|, |B|) from a Jaccard estimate and the two shingle-set sizes: a truncated copy, or one with
    boilerplate added, is contained in the other text even when their Jaccard similarity is modest."""
    inter = jaccard * (size + other_sizes) / (1.0 + jaccard)
    return np.minimum(1.0, inter / np.minimum(size, other_sizes))


def _crc32(b: bytes) -> int:
    return zlib.crc32(b)


def _fallback_canonical_url(url: str) -> str:
    """Lower-cased host, no scheme difference, fragment, query or trailing slash: used only until
    ``etl.ingest.urls.canonical_url`` exists."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    path = parts.path.rstrip("/").removesuffix("/amp")
    return urlunsplit(("https", host, path, "", ""))


def article_canonical_url(article: Article) -> str | None:
    """The article's canonical URL: the one ingest recorded, else computed from its URL."""
    if article.canonical_url:
        return article.canonical_url
    if not article.url:
        return None
    try:
        from etl.ingest.urls import canonical_url
    except ImportError:  # the ingest helper's module is not there yet
        return _fallback_canonical_url(article.url)
    return canonical_url(article.url)


def _order_key(published_at: datetime | None, article_id: str) -> tuple[int, datetime, str]:
    """Earliest published first; unknown dates last; ties by id."""
    if published_at is None:
        return (1, datetime.max.replace(tzinfo=UTC), article_id)
    if published_at.tzinfo is None:
        published_at = published_at.replace(tzinfo=UTC)
    return (0, published_at, article_id)


# ---------------------------------------------------------------------------------------------------------------
# the deduper


class _BandIndex:
    """MinHash LSH banding with capped buckets.

    Bands and rows are datasketch's optimum for the threshold. A bucket keeps only its `cap` most recent articles:
    buckets that grow past that are phrases shared by many different stories (datelines, stock sentences), and
    without the cap every query would scan them, which makes the work quadratic. A story syndicated many times still
    meets its recent copies there (and its other bands), and copies link to each other transitively.
    """

    def __init__(self, threshold: float, num_perm: int, cap: int) -> None:
        from datasketch import MinHashLSH

        params = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.b, self.r, self.cap = params.b, params.r, cap
        self.tables: list[dict[int, str | list[str]]] = [{} for _ in range(self.b)]
        self._mult = (np.random.RandomState(7).randint(1, 2**62, size=self.r, dtype=np.int64).astype(np.uint64)
                      | np.uint64(1))

    def _keys(self, hv: np.ndarray) -> list[int]:
        bands = hv[: self.b * self.r].astype(np.uint64).reshape(self.b, self.r)
        return (bands * self._mult).sum(axis=1, dtype=np.uint64).tolist()

    def query(self, hv: np.ndarray) -> set[str]:
        out: set[str] = set()
        for table, k in zip(self.tables, self._keys(hv), strict=True):
            bucket = table.get(k)
            if bucket is None:
                continue
            if isinstance(bucket, str):
                out.add(bucket)
            else:
                out.update(bucket)
        return out

    def insert(self, aid: str, hv: np.ndarray) -> None:
        for table, k in zip(self.tables, self._keys(hv), strict=True):
            bucket = table.get(k)
            if bucket is None:
                table[k] = aid
            elif isinstance(bucket, str):
                table[k] = [bucket, aid]
            else:
                bucket.append(aid)
                if len(bucket) > self.cap:
                    del bucket[0]

    def remove(self, aid: str, hv: np.ndarray) -> None:
        for table, k in zip(self.tables, self._keys(hv), strict=True):
            bucket = table.get(k)
            if bucket == aid:
                del table[k]
            elif isinstance(bucket, list) and aid in bucket:
                bucket.remove(aid)
                if not bucket:
                    del table[k]


class _Signatures:
    """MinHash values and shingle counts of the most recent `max_items` articles, in one numpy ring buffer
    (compact, and candidates are compared in one vectorised step)."""

    def __init__(self, num_perm: int, max_items: int) -> None:
        self.max_items = max_items
        n = min(1024, max_items)
        self.sigs = np.zeros((n, num_perm), dtype=np.uint32)
        self.sizes = np.zeros(n, dtype=np.int64)
        self.owner: list[str | None] = [None] * n
        self.slot: dict[str, int] = {}
        self._next = 0

    def add(self, aid: str, hv: np.ndarray, size: int) -> tuple[str, np.ndarray] | None:
        """Store one article; returns the evicted (oldest) article and its signature when the ring is full."""
        i = self._next % self.max_items
        self._next += 1
        if i >= len(self.owner):
            grow = min(self.max_items, 2 * len(self.owner)) - len(self.owner)
            self.sigs = np.vstack([self.sigs, np.zeros((grow, self.sigs.shape[1]), dtype=np.uint32)])
            self.sizes = np.concatenate([self.sizes, np.zeros(grow, dtype=np.int64)])
            self.owner.extend([None] * grow)
        old = self.owner[i]
        evicted = (old, self.sigs[i].copy()) if old is not None else None
        if old is not None:
            del self.slot[old]
        self.sigs[i], self.sizes[i], self.owner[i], self.slot[aid] = hv, size, aid, i
        return evicted

    def get(self, aid: str) -> tuple[np.ndarray, int] | None:
        i = self.slot.get(aid)
        return None if i is None else (self.sigs[i], int(self.sizes[i]))


class ArticleDeduper:
    """Streaming duplicate detector with bounded memory; see the module docstring for the two modes."""

    def __init__(self, threshold: float, num_perm: int = 128, shingle_size: int = 3,
                 max_items: int = 200_000, seed: int = 1, bucket_cap: int = 2, lsh_threshold: float = 0.3,
                 streaming: bool = True) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.max_items = max_items
        self.seed = seed
        # LSH finds candidates a little below the threshold; the Jaccard estimate then decides
        self.lsh_threshold, self.bucket_cap, self.streaming = lsh_threshold, bucket_cap, streaming
        self._lsh = _BandIndex(lsh_threshold, num_perm, bucket_cap)
        from datasketch import MinHash

        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_crc32)
        self._store = _Signatures(num_perm, max_items)
        self._facts: dict[str, LeadFacts] = {}
        self._by_url: dict[str, str] = {}
        self._by_hash: dict[str, str] = {}
        self._url_of: dict[str, str] = {}
        self._hash_of: dict[str, str] = {}
        # for resolve(): every article's order key and the links found (small per article)
        self._order: dict[str, tuple[int, datetime, str]] = {}
        self._keys: dict[str, tuple[str | None, str]] = {}
        self._links: dict[str, tuple[str, DupKind, float]] = {}
        self._more_links: list[tuple[str, str]] = []  # every other near match, so clusters do not depend on order

    def signature(self, text: str) -> MinHash:
        """MinHash of the text's word shingles."""
        return self._signature(word_shingles(text, self.shingle_size))

    def _signature(self, shingles: set[bytes]) -> MinHash:
        m = self._template.copy()
        if shingles:
            m.update_batch(shingles)
        return m

    def check(self, article: Article) -> DupVerdict:
        """Verdict against the articles seen so far; the article is then remembered."""
        aid = article.id
        if aid in self._order:  # the same id again: same article
            return DupVerdict(kind="exact", duplicate_of=self._links.get(aid, (aid,))[0], similarity=1.0)
        self._order[aid] = _order_key(article.published_at, aid)
        verdict = self._match(article)
        if verdict.kind != "new" and verdict.duplicate_of is not None:
            self._links[aid] = (verdict.duplicate_of, verdict.kind, verdict.similarity or 1.0)
        return verdict

    def _match(self, article: Article) -> DupVerdict:
        aid = article.id
        url = article_canonical_url(article)
        digest = text_hash(article.text)
        verdict: DupVerdict | None = None
        if url and url in self._by_url:
            verdict = DupVerdict(kind="url", duplicate_of=self._by_url[url], similarity=1.0)
        elif digest in self._by_hash:
            verdict = DupVerdict(kind="exact", duplicate_of=self._by_hash[digest], similarity=1.0)
        shingles = word_shingles(article.text, self.shingle_size)
        sig = self._signature(shingles)
        size = max(1, len(shingles))
        facts = lead_facts(article.text, article.source)
        if verdict is None and self.streaming:
            best: tuple[float, str] | None = None
            for cand, sim in self._near(self._lsh, sig.hashvalues, size, facts):
                if best is None or sim > best[0]:  # ties: the smallest id (candidates come sorted)
                    if best is not None:
                        self._more_links.append((aid, best[1]))
                    best = (sim, cand)
                else:
                    self._more_links.append((aid, cand))
            if best is not None:
                verdict = DupVerdict(kind="near", duplicate_of=best[1], similarity=round(best[0], 4))
        self._keys[aid] = (url, digest)
        self._facts[aid] = facts
        self._remember(aid, url, digest, sig, size)
        return verdict or DupVerdict(kind="new")

    def _near(self, index: _BandIndex, hv: np.ndarray, size: int, facts: LeadFacts) -> list[tuple[str, float]]:
        """Indexed articles whose containment with this one reaches the threshold (no fact conflict), by id."""
        slot = self._store.slot
        cands = sorted(c for c in index.query(hv) if c in slot)
        if not cands:
            return []
        rows = np.fromiter((slot[c] for c in cands), dtype=np.int64, count=len(cands))
        jac = (self._store.sigs[rows] == hv).mean(axis=1)
        sims = containment(jac, size, self._store.sizes[rows])
        return [(cands[i], float(sims[i])) for i in np.flatnonzero(sims >= self.threshold).tolist()
                if not stories_differ(facts, self._facts.get(cands[i], _NO_FACTS))]

    def _remember(self, aid: str, url: str | None, digest: str, sig: MinHash, size: int) -> None:
        if url:
            self._by_url.setdefault(url, aid)
            self._url_of[aid] = url
        self._by_hash.setdefault(digest, aid)
        self._hash_of[aid] = digest
        evicted = self._store.add(aid, sig.hashvalues, size)
        if self.streaming:
            self._lsh.insert(aid, sig.hashvalues)
        if evicted is not None:
            old, old_sig = evicted
            self._lsh.remove(old, old_sig)
            self._facts.pop(old, None)
            u = self._url_of.pop(old, None)
            if u is not None and self._by_url.get(u) == old:
                del self._by_url[u]
            h = self._hash_of.pop(old, None)
            if h is not None and self._by_hash.get(h) == old:
                del self._by_hash[h]

    def resolve(self) -> dict[str, DupVerdict]:
        """Order-independent verdicts for every article checked so far (see the module docstring).

        Articles with the same canonical URL or the same text are one *document* (they are the same story by
        definition). Documents are then clustered greedily in canonical order (earliest published, then id): a
        document joins the cluster of an earlier document it is linked to only if it matches *every* document of
        that cluster on its own (containment and no fact veto), so a chain of look-alikes (A~B, B~C) cannot put
        A and C together; among several clusters it could join, it joins the one whose original it is closest to.
        """
        canonical = sorted(self._order, key=self._order.__getitem__)
        rank = {aid: i for i, aid in enumerate(canonical)}
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            root = x
            while parent.get(root, root) != root:
                root = parent[root]
            while parent.get(x, x) != root:
                parent[x], x = root, parent[x]
            return root

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:  # the earlier article heads the document
                parent[max(ra, rb, key=rank.__getitem__)] = min(ra, rb, key=rank.__getitem__)

        first_of: dict[tuple[int, str], str] = {}
        for aid in canonical:
            url, digest = self._keys[aid]
            if url:
                union(aid, first_of.setdefault((0, url), aid))
            union(aid, first_of.setdefault((1, digest), aid))
        # near links between documents: found again in canonical order among the articles whose signatures are
        # kept; a link found while streaming that involves an evicted article cannot be measured again and stands
        near: dict[str, set[str]] = {}
        trusted: set[frozenset[str]] = set()

        def link(a: str, b: str, keep: bool = False) -> None:
            da, db = find(a), find(b)
            if da != db:
                near.setdefault(da, set()).add(db)
                near.setdefault(db, set()).add(da)
                if keep:
                    trusted.add(frozenset((da, db)))

        for a, b in self._batch_links([a for a in canonical if a in self._store.slot]):
            link(a, b)
        for a, b in [(a, b) for a, (b, _k, _s) in self._links.items()] + self._more_links:
            if b in self._order and (self._store.get(a) is None or self._store.get(b) is None):
                link(a, b, keep=True)
        cluster_of: dict[str, str] = {}
        heads_of: dict[str, list[str]] = {}
        for head in canonical:
            if find(head) != head:
                continue
            best: tuple[float, str] | None = None
            for rep in sorted({cluster_of[o] for o in near.get(head, ()) if o in cluster_of}, key=rank.__getitem__):
                sim = self._matches_original(head, heads_of[rep], trusted)
                if sim is not None and (best is None or sim > best[0]):
                    best = (sim, rep)
            rep = head if best is None else best[1]
            cluster_of[head] = rep
            heads_of.setdefault(rep, []).append(head)
        strength: dict[str, float] = {}
        for a, (b, _kind, sim) in self._links.items():
            for x in (a, b):
                strength[x] = max(strength.get(x, 0.0), sim)
        out: dict[str, DupVerdict] = {}
        for aid in canonical:
            rep = cluster_of[find(aid)]
            out[aid] = DupVerdict(kind="new") if aid == rep else self._verdict_against(aid, rep, strength.get(aid, 0.0))
        return out

    def _differ(self, a: str, b: str) -> bool:
        return stories_differ(self._facts.get(a, _NO_FACTS), self._facts.get(b, _NO_FACTS))

    def _matches_original(self, head: str, heads: list[str], trusted: set[frozenset[str]]) -> float | None:
        """Containment of `head` with `heads[0]`, the cluster's original, if `head` matches it on its own, else
        None. A pair whose signatures were evicted matches only through a link found while streaming."""
        rep = heads[0]
        if frozenset((head, rep)) in trusted:
            return 1.0
        mine, theirs = self._store.get(head), self._store.get(rep)
        if mine is None or theirs is None or self._differ(head, rep):
            return None
        jac = np.array([np.count_nonzero(mine[0] == theirs[0]) / self.num_perm])
        sim = float(containment(jac, mine[1], np.array([theirs[1]]))[0])
        return sim if sim >= self.threshold else None

    def _batch_links(self, aids: list[str]) -> list[tuple[str, str]]:
        """Near-duplicate pairs among `aids` (in canonical order), found with the same banding and bucket cap as the
        streaming search but vectorised: per band, sort by (band key, rank) and pair each article with the `cap`
        before it in its bucket; then verify all candidate pairs at once."""
        n = len(aids)
        if n < 2:
            return []
        idx = self._lsh
        rows = np.fromiter((self._store.slot[a] for a in aids), dtype=np.int64, count=n)
        sigs, sizes = self._store.sigs[rows], self._store.sizes[rows]
        bands = sigs[:, : idx.b * idx.r].astype(np.uint64).reshape(n, idx.b, idx.r)
        keys = (bands * idx._mult).sum(axis=2, dtype=np.uint64)
        del bands
        rank = np.arange(n, dtype=np.int64)
        codes = []
        for j in range(idx.b):
            order = np.lexsort((rank, keys[:, j]))
            ks = keys[order, j]
            for off in range(1, min(idx.cap, n - 1) + 1):
                same = ks[off:] == ks[:-off]
                codes.append(order[off:][same] * n + order[:-off][same])
        pairs = np.unique(np.concatenate(codes))  # sorted, each pair once; empty when no bucket is shared
        later, earlier = pairs // n, pairs % n
        out: list[tuple[str, str]] = []
        step = 100_000
        for lo in range(0, len(pairs), step):
            a, b = later[lo:lo + step], earlier[lo:lo + step]
            jac = (sigs[a] == sigs[b]).mean(axis=1)
            ok = containment(jac, sizes[a], sizes[b]) >= self.threshold
            for i, k in zip(a[ok].tolist(), b[ok].tolist(), strict=True):
                if not self._differ(aids[i], aids[k]):
                    out.append((aids[i], aids[k]))
        return out

    def _verdict_against(self, aid: str, rep: str, link_sim: float) -> DupVerdict:
        """The duplicate's verdict measured against its representative (so it does not depend on order)."""
        (url, digest), (rep_url, rep_digest) = self._keys[aid], self._keys[rep]
        if url is not None and url == rep_url:
            return DupVerdict(kind="url", duplicate_of=rep, similarity=1.0)
        if digest == rep_digest:
            return DupVerdict(kind="exact", duplicate_of=rep, similarity=1.0)
        a, b = self._store.get(aid), self._store.get(rep)
        if a is None or b is None:
            return DupVerdict(kind="near", duplicate_of=rep, similarity=round(link_sim, 4))
        jac = np.array([np.count_nonzero(a[0] == b[0]) / self.num_perm])
        sim = float(containment(jac, a[1], np.array([b[1]]))[0])
        return DupVerdict(kind="near", duplicate_of=rep, similarity=round(sim, 4))


def dedup_articles(articles: Iterable[Article], threshold: float, **kwargs: int) -> dict[str, DupVerdict]:
    """Order-independent verdicts for one batch of articles: pass 1 computes signatures (no near-duplicate search),
    pass 2 (`resolve`) links them in canonical order and picks representatives."""
    deduper = ArticleDeduper(threshold, streaming=False, **kwargs)
    for a in articles:
        deduper.check(a)
    return deduper.resolve()


# ---------------------------------------------------------------------------------------------------------------
# a duplicate article is another source of the original's events


def locate_sentence(sentence: str, text: str) -> tuple[int, int] | None:
    """Where `sentence` (or the sentence of `text` most like it) is in `text`; None if nothing resembles it."""
    pos = text.find(sentence)
    if pos >= 0:
        return pos, pos + len(sentence)
    target = set(normalise_text(sentence).split())
    if not target:
        return None
    best: tuple[float, int, int] | None = None
    for m in _SENTENCE.finditer(text):
        words = set(normalise_text(m.group()).split())
        if not words:
            continue
        overlap = len(target & words) / len(target | words)
        if best is None or overlap > best[0]:
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            best = (overlap, start, m.end())
    if best is None or best[0] < 0.5:
        return None
    return best[1], best[2]


def source_sort_key(s: SourceRef) -> tuple[str, int, int]:
    """The one order of an event's sources: article id, then offsets — the order the store reads them back in, so
    `fatalities_reported[i]` (the figure of `sources[i]`) stays aligned across a round trip."""
    return (s.article_id, s.start, s.end)


def outlet_of(s: SourceRef) -> str:
    """The outlet a source counts as: its name, else its URL's host, else its article."""
    if s.source:
        return s.source.strip().casefold()
    if s.url:
        host = urlsplit(s.url).netloc.lower().removeprefix("www.")
        if host:
            return host
    return f"article:{s.article_id}"


def attach_duplicate_sources(events_of_original: list[Event], dup_article: Article | Sequence[Article]) -> list[Event]:
    """Copies of the original's events with the duplicate article(s) added as more sources.

    The sentence is located again in each duplicate's text (exactly, else the most similar sentence); if it cannot
    be found the original sentence is kept with offsets 0..0. The fatality figure of the copy is the original's.
    All duplicates of one original are attached in one pass: a story syndicated a thousand times would otherwise
    re-sort its growing source list a thousand times.
    """
    dups = [dup_article] if isinstance(dup_article, Article) else list(dup_article)
    out: list[Event] = []
    for ev in events_of_original:
        own = [s for s in ev.sources if s.article_id == ev.article_id] or ev.sources[:1]
        have = {s.article_id for s in ev.sources}
        fresh = [d for d in dups if d.id not in have]
        if not own or not fresh:
            out.append(ev)
            continue
        base = own[0]
        refs = []
        for dup in fresh:
            span = locate_sentence(base.sentence, dup.text)
            sentence = dup.text[span[0]:span[1]][:2000] if span else base.sentence
            start, end = span if span else (0, 0)
            refs.append(SourceRef(article_id=dup.id, url=dup.url, source=dup.source, published_at=dup.published_at,
                                  sentence=sentence, start=start, end=end, claim_source=base.claim_source))
        out.append(with_sources(ev, [*ev.sources, *refs], extra_figures=[_figure(ev)] * len(refs)))
    return out


def _figure(ev: Event) -> int:
    return ev.fatalities_reported[0] if len(ev.fatalities_reported) == 1 else ev.fatalities


def with_sources(ev: Event, sources: list[SourceRef], extra_figures: list[int] | None = None) -> Event:
    """The event with this source list (deduplicated, sorted) and its counts recomputed.

    `fatalities_reported` stays aligned with `sources` when it was (one figure per source).
    """
    aligned = len(ev.fatalities_reported) == len(ev.sources)
    figures = list(ev.fatalities_reported) if aligned else [ev.fatalities] * len(ev.sources)
    pairs = list(zip(ev.sources, figures, strict=True))
    pairs += list(zip(sources[len(ev.sources):], extra_figures or [], strict=False))
    seen: dict[tuple[str, int, int], tuple[SourceRef, int]] = {}
    for s, f in pairs:
        seen.setdefault((s.article_id, s.start, s.end), (s, f))
    ordered = sorted(seen.values(), key=lambda sf: source_sort_key(sf[0]))
    srcs = [s for s, _ in ordered]
    return ev.model_copy(update={
        "sources": srcs,
        "fatalities_reported": [f for _, f in ordered],
        "num_articles": len({s.article_id for s in srcs}),
        "num_sources": len({outlet_of(s) for s in srcs}),
    })
