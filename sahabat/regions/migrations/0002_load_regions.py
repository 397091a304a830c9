"""Load every province and regency/city, and the districts and villages of the two founding partners.

Kabupaten Jember (35.09) and Kabupaten Sarolangun (15.03) signed the MoU the platform grew out of,
so every database (tests included) has their full tree. Other regencies: `sahabat regions load`.

Written against the historical model, with only the pure reader imported, so that later changes
to the app's services cannot change what this migration does.
"""

from django.db import migrations

from sahabat.regions.data_source import (
    CODE_VERSION,
    district_records,
    province_records,
    regency_record,
    regency_records,
    village_records,
)

FOUNDING_REGENCIES = ("35.09", "15.03")


def _insert_missing(Region, records, parent_ids):
    """Create the regions not yet present (re-running after a partial load is harmless)."""
    records = list(records)
    codes = [record.code for record in records]
    present = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    Region.objects.bulk_create(
        [
            Region(
                code=record.code,
                name=record.name,
                level=record.level,
                kind=record.kind,
                timezone=record.timezone,
                parent_id=parent_ids[record.parent_code] if record.parent_code else None,
                postal_code=record.postal_code,
                latitude=record.latitude,
                longitude=record.longitude,
                code_version=CODE_VERSION,
            )
            for record in records
            if record.code not in present
        ],
        batch_size=500,
    )
    return dict(Region.objects.filter(code__in=codes).values_list("code", "pk"))


def load_regions(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    province_ids = _insert_missing(Region, province_records(), {})
    regency_ids = _insert_missing(Region, regency_records(), province_ids)
    for code in FOUNDING_REGENCIES:
        regency = regency_record(code)
        district_ids = _insert_missing(Region, district_records(regency), regency_ids)
        _insert_missing(Region, village_records(regency), district_ids)


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_regions, migrations.RunPython.noop),
    ]
