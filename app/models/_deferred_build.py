"""Imported by app.models before its tables: pydantic builds a table's validator on first use.

The tables are read and written through SQLAlchemy and rarely validated by pydantic; building
each model's pydantic validator and serializer when it is first validated, not while the 28
table classes load at every start, saves ~15 ms of a cold start.
"""

from sqlmodel import SQLModel

SQLModel.model_config["defer_build"] = True
