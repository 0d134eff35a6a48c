#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Writes tests/data/expected/<case>.json: the figures Debian's
# plotly.express 5.4 (pandas 1.5) builds for the cases test-express.c
# builds with nd_px_*, from the same data.  Run it with Debian's python:
#
#   /usr/bin/python3 tests/data/make-expected.py [OUTPUT_DIR]
#
# test-express compares against the committed files; its
# /express/expected-current case runs this script into a temporary
# directory and checks the committed files are what it writes now.
import json
import os
import sys

# px joins a Python set for line modes ("lines+markers"): fix the hash
# seed so the files are the same on every run.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import pandas as pd
import plotly.express as px
import plotly.io as pio

DATASETS = "/usr/share/python3-plotly/datasets"


def dataset(name):
    return pd.read_csv(os.path.join(DATASETS, name + ".csv.gz"))


gapminder = px.data.gapminder()          # as nd_frame_load_dataset ("gapminder")
g2007 = gapminder[gapminder.year == 2007]
tips = dataset("tips")
iris = dataset("iris")
stocks = dataset("stocks")
fruit = pd.DataFrame({
    "Fruit": ["Apples", "Oranges", "Bananas", "Apples", "Oranges", "Bananas"],
    "Amount": [4, 1, 2, 2, 4, 5],
    "City": ["SF", "SF", "SF", "Montreal", "Montreal", "Montreal"],
})
flags = pd.DataFrame({"a": [1, 2, 3, 4], "b": [True, False, True, True],
                      "c": [0.5, 1.5, 0.5, 2.0]})
gdp_life_2007 = g2007.rename(columns={"gdpPercap": "gdp per capita",
                                      "lifeExp": "life expectancy",
                                      "pop": "population"})

CASES = {
    # the seed tutorials' calls
    "seed-histogram-avg-lifeExp":
        lambda: px.histogram(g2007, x="continent", y="lifeExp", histfunc="avg"),
    "seed-histogram-avg-pop":
        lambda: px.histogram(g2007, x="continent", y="pop", histfunc="avg"),
    "seed-histogram-avg-gdpPercap":
        lambda: px.histogram(g2007, x="continent", y="gdpPercap", histfunc="avg"),
    "seed-line-canada":
        lambda: px.line(gapminder[gapminder.country == "Canada"], x="year", y="pop"),
    "seed-bar-fruit-group":
        lambda: px.bar(fruit, x="Fruit", y="Amount", color="City", barmode="group"),
    "seed-scatter-gdp-life-exp":
        lambda: px.scatter(gdp_life_2007, x="gdp per capita", y="life expectancy",
                           size="population", color="continent", hover_name="country",
                           log_x=True, size_max=60),
    "seed-scatter-slider-2007":
        lambda: px.scatter(g2007, x="gdpPercap", y="lifeExp", size="pop",
                           color="continent", hover_name="country", log_x=True, size_max=55),
    "seed-scatter-slider-1952":
        lambda: px.scatter(gapminder[gapminder.year == 1952], x="gdpPercap", y="lifeExp",
                           size="pop", color="continent", hover_name="country",
                           log_x=True, size_max=55),
    # more of what the four builders do
    "scatter-webgl":
        lambda: px.scatter(gapminder, x="gdpPercap", y="lifeExp"),
    "scatter-continuous-color":
        lambda: px.scatter(g2007, x="gdpPercap", y="lifeExp", color="pop", log_y=True,
                           labels={"pop": "Population", "gdpPercap": "GDP per capita"}),
    "scatter-orders-style":
        lambda: px.scatter(iris, x="sepal_width", y="sepal_length", color="species",
                           category_orders={"species": ["virginica", "setosa"]},
                           color_discrete_sequence=["red", "green", "blue"],
                           title="Iris", width=600, height=400, opacity=0.7),
    "scatter-hover-data":
        lambda: px.scatter(tips, x="total_bill", y="tip", color="smoker",
                           hover_data=["day", "size"]),
    "scatter-y-only":
        lambda: px.scatter(iris, y="petal_length"),
    "scatter-x-only":
        lambda: px.scatter(iris, x="petal_length"),
    "scatter-bool-color":
        lambda: px.scatter(flags, x="a", y="c", color="b"),
    "scatter-render-svg":
        lambda: px.scatter(gapminder, x="year", y="pop", render_mode="svg"),
    "line-color":
        lambda: px.line(gapminder[gapminder.continent == "Oceania"], x="year", y="lifeExp",
                        color="country"),
    "line-int-color-markers":
        lambda: px.line(gapminder[gapminder.continent == "Oceania"], x="year", y="gdpPercap",
                        color="iso_num", markers=True),
    "line-index":
        lambda: px.line(stocks, y="GOOG"),
    "line-dates":
        lambda: px.line(stocks, x="date", y="AAPL", title="AAPL"),
    "line-empty":
        lambda: px.line(gapminder[gapminder.year == 1], x="year", y="pop"),
    "line-filtered-index":
        lambda: px.line(gapminder[gapminder.country == "Chile"], y="lifeExp"),
    "line-webgl":
        lambda: px.line(gapminder, x="year", y="lifeExp", color="continent"),
    "bar-count":
        lambda: px.bar(tips, x="day"),
    "bar-x-is-color":
        lambda: px.bar(tips, x="day", y="tip", color="day"),
    "bar-horizontal":
        lambda: px.bar(g2007.head(12), x="pop", y="country"),
    "bar-continuous-color":
        lambda: px.bar(g2007.head(20), x="country", y="pop", color="lifeExp"),
    "bar-x-numeric-only":
        lambda: px.bar(flags, x="c"),
    "bar-overlay-orders":
        lambda: px.bar(tips, x="day", y="total_bill", color="sex", barmode="overlay",
                       category_orders={"day": ["Thur", "Fri", "Sat", "Sun"]}),
    "histogram-color-nbins":
        lambda: px.histogram(g2007, x="lifeExp", color="continent", nbins=20),
    "histogram-x-only":
        lambda: px.histogram(tips, x="total_bill"),
    "histogram-y-only":
        lambda: px.histogram(tips, y="day"),
    "histogram-sum":
        lambda: px.histogram(tips, x="day", y="total_bill"),
    "histogram-overlay":
        lambda: px.histogram(tips, x="total_bill", color="sex", barmode="overlay", nbins=30),
    "histogram-float-color-log":
        lambda: px.histogram(iris, x="sepal_length", color="petal_width", log_y=True,
                             labels={"sepal_length": "Sepal length"}),
    "histogram-h-max":
        lambda: px.histogram(tips, x="tip", y="day", histfunc="max", orientation="h"),
}


# pandas results that test-frame.c and test-csv.c compare NdFrame with.
def dtypes():
    names = ["carshare", "election", "experiment", "gapminder", "iris", "medals",
             "stocks", "tips", "wind"]
    return {n: {c: str(t) for c, t in dataset(n).dtypes.items()} for n in names}


def float_columns(name):
    # every float pandas reads, as text that round-trips (repr)
    df = dataset(name)
    return {c: [None if v != v else repr(v) for v in df[c]]
            for c in df.columns if df[c].dtype.kind == "f"}


def random_doubles():
    # doubles of every magnitude, and short decimals, as pandas writes them
    import random
    rng = random.Random(20240601)
    values = []
    for _ in range(3000):
        kind = rng.randrange(5)
        if kind == 0:
            v = rng.uniform(-1, 1) * 10 ** rng.randint(-20, 22)
        elif kind == 1:
            v = round(rng.uniform(-1e6, 1e6), rng.randint(0, 12))
        elif kind == 2:
            v = float(rng.randint(-10 ** 17, 10 ** 17))
        elif kind == 3:
            v = rng.randint(-99999, 99999) / 10 ** rng.randint(1, 16)
        else:
            v = rng.random()
        values.append(v)
    df = pd.DataFrame({"v": values})
    return json.dumps({"inputs": [repr(v) for v in values],
                       "pandas": df.to_json(orient="values")})


FRAMES = {
    "frame-to-json-random": random_doubles,
    "frame-to-json-columns": lambda: g2007.head(30).to_json(),
    "frame-to-json-split": lambda: tips.head(10).to_json(orient="split"),
    "frame-to-json-floats": lambda: pd.DataFrame({
        "v": [0.123456789012345, 1.0, 1e20, 1e-20, 123456789.123456789, 0.5, -2.25,
              float("nan"), 1e16, 9999999999999998.0, 0.00000123456789, 2.5e-16,
              0.99999999999, 12345.678901234567, -0.000049999999999]}).to_json(),
    "frame-records": lambda: json.dumps(g2007.head(5).to_dict("records")),
    "frame-groupby": lambda: gapminder.groupby("continent", as_index=False).agg(
        lifeExp=("lifeExp", "mean"), pop=("pop", "sum"), n=("country", "count"),
        gdp_min=("gdpPercap", "min"), gdp_max=("gdpPercap", "max"),
        first=("country", "min")).to_json(orient="split"),
    "frame-groupby-2keys": lambda: tips.groupby(["day", "time"], as_index=False).agg(
        total=("total_bill", "sum"), tip=("tip", "mean"), size=("size", "max"),
        rows=("sex", "size")).to_json(orient="split"),
    "frame-sort": lambda: gapminder.sort_values(
        ["continent", "pop"], ascending=[True, False], kind="stable").head(40).to_json(orient="split"),
    "frame-unique": lambda: json.dumps(list(gapminder.country.unique())),
    "csv-dtypes": lambda: json.dumps(dtypes()),
    "csv-floats-gapminder": lambda: json.dumps(float_columns("gapminder")),
    "csv-floats-stocks": lambda: json.dumps(float_columns("stocks")),
    "csv-floats-carshare": lambda: json.dumps(float_columns("carshare")),
    "csv-floats-experiment": lambda: json.dumps(float_columns("experiment")),
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "expected")
    os.makedirs(out, exist_ok=True)
    for name, build in CASES.items():
        figure = json.loads(pio.to_json(build()))
        figure["layout"].pop("template", None)
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(figure, f, sort_keys=True, separators=(",", ":"))
            f.write("\n")
    for name, build in FRAMES.items():
        with open(os.path.join(out, name + ".json"), "w") as f:
            f.write(build())
            f.write("\n")


main()
