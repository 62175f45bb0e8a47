"""Article-level deduplication: the same story under another URL, the same text, or a syndicated near-copy.

Checks, in order: same canonical URL → ``url``; same normalised-text hash → ``exact``; MinHash LSH over word
3-shingles (candidates from Jaccard ≈ ``lsh_threshold`` up), verified on each candidate by the *containment*
|A∩B| / min(|A|, |B|) computed from the MinHash Jaccard estimate and the shingle counts, ≥ threshold → ``near``
(containment, not Jaccard, because truncated copies and copies with boilerplate have a modest Jaccard) — unless the
two leads (first 80 words) both give figures and share none ("fact veto"): the same template telling another
attack, with another toll or date, is a different story however many words it shares.

Two ways to use it:

- ``ArticleDeduper.check(article)`` streams: the verdict compares the article with those seen *before* it, so the
  first seen copy is the "original". The LSH index and signatures are bounded by ``max_items`` (oldest evicted
  first; ≈ 4.5 kB per article); `resolve()` keeps a few small values per article of the run.
- ``ArticleDeduper.resolve()`` (or ``dedup_articles``, which skips the streaming search: ``streaming=False``) after
  all articles of a run were checked gives verdicts that do
  not depend on input order: duplicate links found while streaming are closed into clusters, and each cluster's
  original is its canonical representative — the earliest published article, ties (and unknown dates, which sort
  last) broken by the smallest id. Every other member is a duplicate *of that representative*, its kind and
  similarity measured against the representative itself. (Strictly, the links found can depend on order when an
  LSH bucket overflows its cap.)

Threshold 0.62 (``NEWSEVENTS_NEAR_DUPLICATE_THRESHOLD``) was chosen on the benchmark sweep in bench/dedup_bench.py.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

import numpy as np
from datasketch import MinHash, MinHashLSH

from schemas.models import Article, Event, SourceRef

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
        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_crc32)
        self._store = _Signatures(num_perm, max_items)
        self._facts: dict[str, frozenset[str]] = {}
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
        facts = lead_numbers(article.text)
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

    def _near(self, index: _BandIndex, hv: np.ndarray, size: int, facts: frozenset[str]) -> list[tuple[str, float]]:
        """Indexed articles whose containment with this one reaches the threshold (no fact conflict), by id."""
        slot = self._store.slot
        cands = sorted(c for c in index.query(hv) if c in slot)
        if not cands:
            return []
        rows = np.fromiter((slot[c] for c in cands), dtype=np.int64, count=len(cands))
        jac = (self._store.sigs[rows] == hv).mean(axis=1)
        sims = containment(jac, size, self._store.sizes[rows])
        return [(cands[i], float(sims[i])) for i in np.flatnonzero(sims >= self.threshold).tolist()
                if not facts_conflict(facts, self._facts.get(cands[i], frozenset()))]

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
        """Order-independent verdicts for every article checked so far (see the module docstring)."""
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
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        # link again in the canonical order (earliest published, then id): the links found do not depend on the order
        # the articles arrived in. Articles already evicted keep their streaming links.
        canonical = sorted(self._order, key=self._order.__getitem__)
        first_of: dict[tuple[int, str], str] = {}
        for aid in canonical:
            url, digest = self._keys[aid]
            if url:
                union(aid, first_of.setdefault((0, url), aid))
            union(aid, first_of.setdefault((1, digest), aid))
        for a, b in self._batch_links([a for a in canonical if a in self._store.slot]):
            union(a, b)
        for a, b in [(a, b) for a, (b, _k, _s) in self._links.items()] + self._more_links:
            if b in self._order and (self._store.get(a) is None or self._store.get(b) is None):
                union(a, b)
        strength: dict[str, float] = {}
        for a, (b, _kind, sim) in self._links.items():
            for x in (a, b):
                strength[x] = max(strength.get(x, 0.0), sim)
        members: dict[str, list[str]] = {}
        for aid in self._order:
            members.setdefault(find(aid), []).append(aid)
        out: dict[str, DupVerdict] = {}
        for group in members.values():
            rep = min(group, key=lambda i: self._order[i])
            out[rep] = DupVerdict(kind="new")
            for aid in group:
                if aid != rep:
                    out[aid] = self._verdict_against(aid, rep, strength.get(aid, 0.0))
        return out

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
                if not facts_conflict(self._facts.get(aids[i], frozenset()), self._facts.get(aids[k], frozenset())):
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
