"""Shared by every benchmark in tests/bench (run by `bin/nonsaad benchmark`, see docs/performance.md).

A benchmark records each figure it measures through the `figure` fixture (or `record_figure()`):

    def test_my_layer(admin, figure):
        ...
        figure("my layer: HTTP cold", http_ms, "ms", baseline=raw_ms, baseline_label="raw SQL + json",
               target="<= 1.5x")

At the end of the run one table of every figure (value, baseline, ratio value/baseline, target) is
printed and written to logs/benchmark-<UTC time>.txt and .json (logs/benchmark-latest.* point at the last
run) so that two runs can be compared. Figures only: benchmarks never assert on time.
"""

import datetime
import json
import os
import platform

import pytest
from conftest import ROOT

FIGURES: list[dict] = []


def record_figure(
	benchmark: str,
	name: str,
	value: float,
	unit: str = "ms",
	baseline: float | None = None,
	baseline_label: str = "",
	target: str = "",
) -> dict:
	"""Record one figure of `benchmark` (the ratio is value / baseline when a baseline is given)."""
	row = {
		"benchmark": benchmark,
		"figure": name,
		"value": float(value),
		"unit": unit,
		"baseline": None if baseline is None else float(baseline),
		"baseline_label": baseline_label,
		"ratio": (float(value) / float(baseline)) if baseline else None,
		"target": target,
	}
	FIGURES.append(row)
	return row


@pytest.fixture
def figure(request):
	"""figure(name, value, unit="ms", baseline=None, baseline_label="", target="") for this benchmark."""
	benchmark = request.node.module.__name__.rsplit(".", 1)[-1].removeprefix("test_bench_")

	def _figure(name, value, unit="ms", baseline=None, baseline_label="", target=""):
		return record_figure(benchmark, name, value, unit, baseline, baseline_label, target)

	return _figure


def _fmt(value) -> str:
	if value is None:
		return "-"
	if abs(value) >= 1000:
		return f"{value:,.0f}"
	if abs(value) >= 10:
		return f"{value:.1f}"
	return f"{value:.3g}"


def summary_table(rows: list[dict]) -> str:
	header = ("benchmark", "figure", "value", "unit", "baseline", "ratio", "target")
	table = [header]
	for r in rows:
		baseline = _fmt(r["baseline"]) + (f" ({r['baseline_label']})" if r["baseline_label"] else "")
		ratio = f"{r['ratio']:.2f}x" if r["ratio"] is not None else "-"
		table.append(
			(r["benchmark"], r["figure"], _fmt(r["value"]), r["unit"], baseline, ratio, r["target"] or "")
		)
	widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
	lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in table]
	lines.insert(1, "  ".join("-" * w for w in widths))
	return "\n".join(lines)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
	if not FIGURES:
		return
	now = datetime.datetime.now(datetime.UTC)
	text = summary_table(FIGURES)
	terminalreporter.write_sep("=", "benchmark figures (ratio = value / baseline, measured in the same run)")
	terminalreporter.write_line(text)
	logs = ROOT / "logs"
	logs.mkdir(exist_ok=True)
	stamp = now.strftime("%Y%m%d-%H%M%S")
	meta = {
		"time": now.isoformat(timespec="seconds"),
		"host": platform.node(),
		"cpus": os.cpu_count(),
		"load": os.getloadavg(),
		"exit_status": int(exitstatus),
	}
	body = (
		f"benchmark run {meta['time']} on {meta['host']} ({meta['cpus']} CPUs, load {meta['load'][0]:.1f})\n"
	)
	body += text + "\n"
	for ext, content in (("txt", body), ("json", json.dumps({**meta, "figures": FIGURES}, indent=1))):
		path = logs / f"benchmark-{stamp}.{ext}"
		path.write_text(content)
		latest = logs / f"benchmark-latest.{ext}"
		latest.unlink(missing_ok=True)
		latest.write_text(content)
	terminalreporter.write_line(f"written to logs/benchmark-{stamp}.txt and .json")
