"""Customer files 顾客档案 (form Q/JL081301-C)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint, func
from sqlmodel import Field

from app.models.common import RecordBase


class CustomerType(StrEnum):
    OEM = "oem"
    AFTERMARKET = "aftermarket"
    DISTRIBUTOR = "distributor"
    END_USER = "end_user"


class CustomerStatus(StrEnum):
    ACTIVE = "active"
    LOST = "lost"


CUSTOMER_GRADES = ("A", "B", "C", "D")


class Customer(RecordBase, table=True):
    # raised by every save; a save from a stale copy is refused (optimistic locking)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    code: str = Field(max_length=32, unique=True, index=True)
    name: str = Field(max_length=200, index=True)
    short_name: str = Field(default="", max_length=100)
    type: str = Field(default=CustomerType.OEM.value, max_length=20, index=True)
    address: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=60)
    fax: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=200)
    sales_rep: str = Field(default="", max_length=60)
    cooperation_since: date | None = Field(default=None)
    grade: str = Field(default="", max_length=4, index=True)
    status: str = Field(default=CustomerStatus.ACTIVE.value, max_length=20, index=True)
    potential: bool = Field(default=False)
    notes: str = Field(default="")


class CustomerContact(RecordBase, table=True):
    __tablename__ = "customer_contact"

    customer_id: int = Field(foreign_key="customer.id", ondelete="CASCADE", index=True)
    position: int = Field(default=0)
    name: str = Field(max_length=60)
    department: str = Field(default="", max_length=60)
    title: str = Field(default="", max_length=60)
    phone: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=200)


class CustomerProduct(RecordBase, table=True):
    __tablename__ = "customer_product"

    customer_id: int = Field(foreign_key="customer.id", ondelete="CASCADE", index=True)
    position: int = Field(default=0)
    model: str = Field(max_length=100)
    spec: str = Field(default="", max_length=200)
    notes: str = Field(default="", max_length=300)


class CustomerAnnualVolume(RecordBase, table=True):
    """Annual purchase volume in 万元 (drives survey coverage and customer-loss analysis)."""

    __tablename__ = "customer_annual_volume"
    __table_args__ = (UniqueConstraint("customer_id", "year"),)

    customer_id: int = Field(foreign_key="customer.id", ondelete="CASCADE", index=True)
    year: int
    amount_wan: float = Field(ge=0)


# Codes are unique whatever their case (KH1 and kh1 are the same customer on paper).
Index("ux_customer_code_lower", func.lower(Customer.code), unique=True)
