import re

from sahabat.core.charts import bar_chart, column_chart, line_chart, progress_bar
from sahabat.core.money import rupiah


def _bar_widths(svg: str) -> list[float]:
    return [float(width) for width in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]


def test_bar_lengths_are_proportional_to_values():
    widths = _bar_widths(bar_chart([("A", 100), ("B", 50)], title="t"))
    assert widths[0] == 2 * widths[1]


def test_bar_chart_escapes_labels():
    svg = bar_chart([("<script>", 1)], title="t")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_chart_announces_its_title_to_screen_readers():
    svg = column_chart([("08", 3)], title="Omzet per jam")
    assert 'aria-label="Omzet per jam"' in svg
    assert "<title>Omzet per jam</title>" in svg


def test_empty_chart_shows_the_message():
    assert "Belum ada data" in bar_chart([], title="t", empty_message="Belum ada data")


def test_chart_values_use_the_given_formatter():
    assert "Rp1.500.000" in bar_chart([("Zona A", 1_500_000)], title="t", value_format=rupiah)


def test_column_chart_draws_one_column_per_item():
    svg = column_chart([(str(hour), hour) for hour in range(24)], title="t")
    assert svg.count("<rect") == 24


def test_line_chart_draws_the_target_line():
    svg = line_chart({"Realisasi": [("1", 5), ("2", 9)]}, title="t", target=20, target_label="Target")
    assert 'class="chart-target"' in svg


def test_line_chart_draws_one_polyline_per_series():
    svg = line_chart({"Jember": [("1", 5)], "Sarolangun": [("1", 3)]}, title="t")
    assert svg.count("<polyline") == 2


def test_progress_bar_states_the_share():
    svg = progress_bar(250, 1000, title="Pengunjung")
    assert "250 / 1.000 (25,0%)" in svg


def test_progress_bar_stays_full_past_the_target():
    svg = progress_bar(1500, 1000, title="t", width=400)
    assert 'width="400.0"' in svg
    assert "(150,0%)" in svg


def test_progress_bar_with_zero_target_does_not_divide_by_zero():
    assert "(0,0%)" in progress_bar(10, 0, title="t")


def test_bar_chart_leaves_the_room_asked_for_labels_and_values():
    svg = bar_chart([("Kabupaten Sarolangun", 100)], title="t", width=600, label_width=250, value_width=150)
    assert '<rect x="250" y="8" width="200.0"' in svg


def test_line_chart_leaves_a_gap_for_a_missing_value():
    svg = line_chart({"Realisasi": [("Mei", 95), ("Jun", None), ("Jul", 390)]}, title="t")
    assert (svg.count("<polyline"), svg.count("<circle")) == (2, 2)


def test_line_chart_anchors_the_edge_labels_inwards():
    svg = line_chart({"Realisasi": [("Mei 2021", 95), ("Jun 2021", 230), ("Jul 2021", 390)]}, title="t")
    assert [
        svg.count(f'text-anchor="{anchor}" class="chart-label"') for anchor in ("start", "middle", "end")
    ] == [
        1,
        1,
        1,
    ]


def test_bar_chart_shortens_a_label_longer_than_its_room():
    label = "Omzet UMKM di Jember Fashion Carnaval"
    svg = bar_chart([(label, 1)], title="t", width=400, label_width=120)
    shown = re.search(r'class="chart-label">([^<]*)</text>', svg).group(1)
    assert shown.endswith("\u2026") and label.startswith(shown[:-1]) and len(shown) < len(label)


def test_bar_chart_keeps_a_shortened_label_whole_in_the_tooltip():
    label = "Omzet UMKM di Jember Fashion Carnaval"
    svg = bar_chart([(label, 1)], title="t", width=400, label_width=120)
    assert f"<title>{label}: 1</title>" in svg


def test_bar_chart_leaves_a_label_that_fits_as_it_is():
    svg = bar_chart([("Sumbersari", 1)], title="t", width=400, label_width=120)
    assert 'class="chart-label">Sumbersari</text>' in svg
