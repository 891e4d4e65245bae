"""The benchmarks' own PostgreSQL databases: one per data set, beside yours on the same server."""

from dj_database_url import parse


def postgres_database(url: str, suffix: str, *, rebuild: bool) -> tuple[str, bool]:
    """(URL of the database named after ``url``'s plus ``_<suffix>``, whether it was just
    created). ``rebuild`` drops it first. Nothing is done to the database ``url`` names."""
    import psycopg

    config = parse(url)
    name = f"{config['NAME'] or 'postgres'}_{suffix}"
    admin = psycopg.connect(
        dbname="postgres", user=config["USER"], password=config["PASSWORD"] or None,
        host=config["HOST"], port=config["PORT"] or 5432, autocommit=True,
    )
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            admin.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    return url.split("?")[0].rsplit("/", 1)[0] + "/" + name, not exists
