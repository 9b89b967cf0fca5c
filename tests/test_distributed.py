"""The Spark build on a local cluster of two worker JVMs equals `kg build`, triple for triple.

Marked `integration`: starting the two workers and their Python processes takes 1–2 minutes on
a 2-core machine. Needs the `spark` extra (pyspark) and Java 17; skipped without them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.paths import DATA
from kg.store.local import open_store

pytest.importorskip("pyspark")
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java runtime"),
]

ARTICLES = DATA / "articles"


def dump(store: Path) -> list[str]:
    st = open_store(store)
    return sorted(st.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())


def test_spark_local_cluster_equals_single_machine_build(tmp_path: Path) -> None:
    from kg.build.spark import spark_build, spark_session

    single = tmp_path / "single"
    build([ARTICLES], single, retain=False, incremental=False)
    spark = spark_session("local-cluster[2,1,1024]", "kg-test")
    try:
        pids = set(spark.sparkContext.parallelize(range(8), 4).map(lambda _: __import__("os").getpid()).collect())
        res = spark_build([ARTICLES], tmp_path / "spark", spark=spark, partitions=4)
    finally:
        spark.stop()
    assert len(pids) == 2  # two worker processes did the work
    assert res.articles == len(list(ARTICLES.glob("*.txt"))) and not res.errors
    assert res.candidate_edges > 0  # event fusion went through the keyed grouping
    assert not res.invalid
    assert dump(tmp_path / "spark") == dump(single)
