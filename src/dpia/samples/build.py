"""Orchestration: pupils -> tables -> bytes -> files, all from one seed."""

from __future__ import annotations

import random
from pathlib import Path

from dpia.samples import exports, labels, promises, readme, register, writer
from dpia.samples.feeds import FEEDS
from dpia.samples.people import make_pools, make_pupils

DEFAULT_PUPILS = 2000
DEFAULT_SEED = 2026
ESIS_SHARE = 0.3  # the Esis export holds a separate ~30% as many pupils (600 by default)


def _stream(seed: int, name: str) -> random.Random:
    # A named stream per data set: adding a column to one file never reshuffles another.
    return random.Random(f"{seed}/{name}")


def _command(pupils: int, seed: int) -> str:
    command = "python -m dpia.samples data_samples"
    if pupils != DEFAULT_PUPILS:
        command += f" --pupils {pupils}"
    if seed != DEFAULT_SEED:
        command += f" --seed {seed}"
    return command


def render_all(pupils: int = DEFAULT_PUPILS, seed: int = DEFAULT_SEED) -> dict[str, bytes]:
    """Every output file's bytes by its path relative to the output directory."""
    if pupils < 1:
        raise ValueError(f"pupils must be at least 1, not {pupils}")
    pools = make_pools(seed)
    used_ids: set[str] = set()  # BSNs and onderwijsnummers stay unique across both exports
    rng = _stream(seed, "parnassys")
    numbers = [str(n) for n in rng.sample(range(100_000, 1_000_000), pupils)]
    parnassys_pupils = make_pupils(rng, pools, pupils, numbers, used_ids)

    esis_count = max(1, round(pupils * ESIS_SHARE))
    esis_rng = _stream(seed, "esis")
    esis_numbers = [str(n) for n in esis_rng.sample(range(10**7, 10**8), esis_count)]
    esis_pupils = make_pupils(esis_rng, pools, esis_count, esis_numbers, used_ids)

    # Pupils who left (still in the ParnasSys export) and pupils of no one's export (planted as
    # rows of another board): numbered apart from the current pupils, drawn from streams of
    # their own so that the data above stays as it was.
    extra_rng = _stream(seed, "left")
    free = sorted(set(range(100_000, 1_000_000)) - {int(n) for n in numbers})
    extra = [
        str(n) for n in extra_rng.sample(free, 2 * max(1, round(pupils * promises.LEFT_SHARE)))
    ]
    left = make_pupils(extra_rng, pools, len(extra) // 2, extra[: len(extra) // 2], used_ids)
    strangers = make_pupils(extra_rng, pools, len(extra) // 2, extra[len(extra) // 2 :], used_ids)
    promises.leave(left, extra_rng)
    consent_rng = _stream(seed, "consents")
    for group in (parnassys_pupils, left, esis_pupils, strangers):
        promises.assign(group, consent_rng, seed)
    board = parnassys_pupils + left
    rows = {
        feed.vendor: promises.feed_pupils(
            feed.vendor, feed.schools, parnassys_pupils, left, strangers
        )
        for feed in FEEDS
    }
    numbers_in_board = {p.number for p in board} | {p.number for p in esis_pupils}
    truths = {
        feed.vendor: promises.truth(feed.vendor, feed.schools, rows[feed.vendor], numbers_in_board)
        for feed in FEEDS
    }

    tables = [
        exports.parnassys(board),
        exports.esis(esis_pupils),
        *(feed.table(rows[feed.vendor], seed) for feed in FEEDS),
    ]
    files = {t.path: writer.render(t) for t in tables}
    files["register.yaml"] = register.register_yaml(parnassys_pupils)
    files["labels.json"] = labels.labels_json(tables, truths)
    files["README.md"] = readme.readme(tables, pupils, seed, _command(pupils, seed))
    return files


def generate(outdir: Path, pupils: int = DEFAULT_PUPILS, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the synthetic sample set into ``outdir``; the written paths, sorted.

    Everything is rendered in memory first, so a failure leaves no half-updated set behind.
    """
    files = render_all(pupils, seed)
    outdir = Path(outdir)
    written = []
    for relative, data in files.items():
        path = outdir / relative
        writer.write_atomic(path, data)
        written.append(path)
    return sorted(written)
