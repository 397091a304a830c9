from collections import Counter
from datetime import date
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from sahabat.events.services.ledger import MAX_SALE_AMOUNT
from sahabat.events.simulation import BoothSpec, Plan, Simulation, apportion, exact_amounts

WIB = ZoneInfo("Asia/Jakarta")
MAIN_DAYS = (date(2023, 8, 4), date(2023, 8, 6))
BOOTHS = (
    BoothSpec("A-001", "food"),
    BoothSpec("A-002", "food"),
    BoothSpec("B-001", "fashion"),
    BoothSpec("C-001", "craft"),
    BoothSpec("M-001", "agriculture"),
)


def carnival_plan(*, turnover=123_456_789, visitors=10_007, seed=2023, booths=BOOTHS) -> Plan:
    return Plan(
        window_start=date(2023, 7, 28),
        window_end=date(2023, 8, 13),
        main_start=MAIN_DAYS[0],
        main_end=MAIN_DAYS[1],
        tzinfo=WIB,
        turnover=turnover,
        visitors=visitors,
        booths=booths,
        seed=seed,
    )


def all_sales(simulation):
    return [sale for hour in simulation.hours for sale in simulation.sales(hour)]


def all_counts(simulation):
    return [count for hour in simulation.hours for count in simulation.counts(hour)]


def is_main_day(moment) -> bool:
    return MAIN_DAYS[0] <= moment.astimezone(WIB).date() <= MAIN_DAYS[1]


@given(st.integers(0, 10**15), st.lists(st.floats(0.01, 1000), min_size=1, max_size=50))
def test_apportion_adds_up_to_the_total(total, weights):
    assert sum(apportion(total, weights)) == total


@given(st.lists(st.floats(1, 10**7), min_size=1, max_size=200), st.integers(0, 10**12))
def test_exact_amounts_add_up_and_are_each_at_least_one_rupiah(raw, extra):
    total = len(raw) + extra
    amounts = exact_amounts(raw, total)
    assert sum(amounts) == total and min(amounts) >= 1


def test_sales_add_up_to_an_odd_turnover_exactly():
    simulation = Simulation(carnival_plan(turnover=987_654_321))
    assert sum(sale.amount for sale in all_sales(simulation)) == 987_654_321


def test_number_of_sales_is_what_the_simulation_announces():
    simulation = Simulation(carnival_plan())
    assert len(all_sales(simulation)) == simulation.sales_count


def test_gate_counts_add_up_to_an_odd_number_of_visitors_exactly():
    simulation = Simulation(carnival_plan(visitors=1_000_003))
    assert sum(count.count for count in all_counts(simulation)) == 1_000_003


def test_tiny_turnover_still_adds_up():
    simulation = Simulation(carnival_plan(turnover=7, visitors=3))
    assert [sale.amount for sale in all_sales(simulation)] == [7]


def test_visitors_come_on_the_main_days():
    counts = all_counts(Simulation(carnival_plan(visitors=500_001)))
    assert sum(count.count for count in counts if is_main_day(count.period_start)) == 500_001


def test_a_main_day_sells_several_times_an_ordinary_day():
    per_day = Counter()
    for sale in all_sales(Simulation(carnival_plan(turnover=2_000_000_000))):
        per_day[sale.occurred_at.astimezone(WIB).date()] += 1
    main = [count for day, count in per_day.items() if MAIN_DAYS[0] <= day <= MAIN_DAYS[1]]
    other = [count for day, count in per_day.items() if not MAIN_DAYS[0] <= day <= MAIN_DAYS[1]]
    assert sum(main) / len(main) > 3 * sum(other) / len(other)


def test_bazaar_days_peak_in_the_evening():
    per_hour = Counter(
        sale.occurred_at.astimezone(WIB).hour
        for sale in all_sales(Simulation(carnival_plan(turnover=2_000_000_000)))
        if not is_main_day(sale.occurred_at)
    )
    assert per_hour.most_common(1)[0][0] in (19, 20)


def test_sales_stay_inside_the_reporting_window_and_below_the_ledger_limit():
    sales = all_sales(Simulation(carnival_plan(turnover=5_000_000_000)))
    days = {sale.occurred_at.astimezone(WIB).date() for sale in sales}
    assert min(days) >= date(2023, 7, 28) and max(days) <= date(2023, 8, 13)
    assert max(sale.amount for sale in sales) <= MAX_SALE_AMOUNT


def test_fashion_tickets_are_larger_than_food_tickets():
    sales = all_sales(Simulation(carnival_plan(turnover=3_000_000_000)))
    food = sorted(sale.amount for sale in sales if sale.booth.startswith("A-"))
    fashion = sorted(sale.amount for sale in sales if sale.booth == "B-001")
    assert fashion[len(fashion) // 2] > food[len(food) // 2]


def test_buyers_pay_cash_and_by_qris_and_some_are_civil_servants():
    sales = all_sales(Simulation(carnival_plan(turnover=3_000_000_000)))
    methods = Counter(sale.payment_method for sale in sales)
    buyers = Counter(sale.buyer_type for sale in sales)
    assert methods["cash"] > 0 and methods["qris"] > 0
    assert 0 < buyers["asn"] < buyers["public"]


def test_same_plan_gives_the_same_stream():
    first, second = Simulation(carnival_plan()), Simulation(carnival_plan())
    assert all_sales(first) == all_sales(second) and all_counts(first) == all_counts(second)


def test_another_seed_gives_other_client_uuids():
    first = {sale.client_uuid for sale in all_sales(Simulation(carnival_plan(seed=1)))}
    second = {sale.client_uuid for sale in all_sales(Simulation(carnival_plan(seed=2)))}
    assert not first & second
