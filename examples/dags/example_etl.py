"""A small, real Airflow DAG: the quickstart and the deploy-dags example ship it to a Deployment with a DAG-only deploy.

It extracts a few numbers, transforms them and logs a summary once a day. It needs only Airflow itself
(Astro Runtime 3.x ships Airflow 3; the TaskFlow API below also runs on Airflow 2.4+).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from airflow.decorators import dag, task

log = logging.getLogger(__name__)


@dag(
    dag_id="example_etl",
    schedule="@daily",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
    tags=["pulumi-astro", "example"],
)
def example_etl():
    @task
    def extract() -> list[int]:
        return [3, 1, 4, 1, 5, 9, 2, 6]

    @task
    def transform(values: list[int]) -> dict[str, float]:
        return {"count": len(values), "total": sum(values), "mean": sum(values) / len(values)}

    @task
    def load(summary: dict[str, float]) -> None:
        log.info("summary: %s", summary)

    load(transform(extract()))


example_etl()
