"""The peers Haven's linkage is measured against, each with the settings of its own documented
Febrl examples: Splink 5 on DuckDB and recordlinkage's ECM classifier. Each returns a clustering
(record id -> cluster) so that all three are scored the same way."""
import logging

import pandas as pd
import recordlinkage as rl
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on


def components(record_ids, pairs):
    """Connected components of predicted pairs: how recordlinkage's pairs become clusters."""
    parent = {r: r for r in record_ids}

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
    return {r: root(r) for r in record_ids}


def febrl_frame(df):
    df = df.copy()
    for column in ("date_of_birth", "soc_sec_id", "postcode", "street_number"):
        df[column] = df[column].astype(str).str.strip().replace({"nan": None, "": None})
    return df


def splink_febrl(frames, link_only, threshold=0.9):
    """Splink 5 (DuckDB) with the comparisons and training of its Febrl examples: name
    comparisons, date of birth, soc_sec_id by Damerau–Levenshtein, street number and postcode
    with term frequencies; u by random sampling, m by EM blocked on date of birth and on postcode."""
    logging.getLogger("splink").setLevel(logging.ERROR)
    frames = [febrl_frame(f).reset_index() for f in frames]
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only" if link_only else "dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            block_on("surname", "date_of_birth"),
            block_on("given_name", "date_of_birth"),
            block_on("postcode", "given_name"),
            block_on("soc_sec_id"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )
    db = DuckDBAPI()
    linker = Linker([db.register(f) for f in frames], settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match([block_on("soc_sec_id")], recall=0.9)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold).as_pandas_dataframe()
    return dict(zip(clusters["rec_id"], clusters["cluster_id"]))


def recordlinkage_febrl(frames, link_only):
    """recordlinkage's documented ECM example: block on given name; exact given name, date of
    birth, suburb and state, Jaro–Winkler surname and address (0.85); ECM with binarised features."""
    indexer = rl.Index()
    indexer.block("given_name")
    pairs = indexer.index(*frames) if link_only else indexer.index(frames[0])
    compare = rl.Compare()
    compare.exact("given_name", "given_name", label="given_name")
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.exact("suburb", "suburb", label="suburb")
    compare.exact("state", "state", label="state")
    compare.string("address_1", "address_1", threshold=0.85, label="address_1")
    features = compare.compute(pairs, *frames) if link_only else compare.compute(pairs, frames[0])
    matches = rl.ECMClassifier(binarize=0.8).fit_predict(features)
    record_ids = [r for f in frames for r in f.index]
    return components(record_ids, list(matches))


def splink_korean(df, threshold=0.9):
    """Splink 5 on the Korean set with a reasonable general setup: the full name and its parts by
    Jaro–Winkler (0.92, 0.8), date of birth, sex; blocking on name parts and birth year."""
    logging.getLogger("splink").setLevel(logging.ERROR)
    df = df.copy()
    df["name_norm"] = df["name"].str.lower().str.replace(r"[^a-z가-힣]", "", regex=True)
    df["birth_year"] = df["birth_date"].str[:4]
    settings = SettingsCreator(
        unique_id_column_name="record_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("name_norm"),
            block_on("birth_date"),
            block_on("birth_year", "sex"),
        ],
        comparisons=[
            cl.JaroWinklerAtThresholds("name_norm", [0.92, 0.8]),
            cl.ExactMatch("birth_date"),
            cl.ExactMatch("birth_year"),
            cl.ExactMatch("sex"),
        ],
    )
    db = DuckDBAPI()
    linker = Linker(db.register(df), settings, log_level=logging.ERROR)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name_norm"))
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, threshold).as_pandas_dataframe()
    return dict(zip(clusters["record_id"], clusters["cluster_id"]))
