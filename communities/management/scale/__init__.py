"""Builders behind `manage.py seed_scale` (a city of millions in minutes).

- `tree`: communities in bulk, each with what `create_community` gives it (settings,
  home page, governance pages, bodies, disclosure catalogue, editors' group, media
  collection, audit row), written with a few inserts per street instead of some
  two hundred queries per community;
- `people`: households and verified residents, through PostgreSQL COPY (or
  bulk inserts on SQLite);
- `activity`: disclosures due and published, consultations, volunteer shifts and
  donations, in proportion to the residents;
- `progress`: the progress lines (count, rate, ETA).
"""
