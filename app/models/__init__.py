"""SQLModel tables, one module per record family. Importing this package registers them all."""

from app.models.audit import AuditEntry
from app.models.customer import (
    CUSTOMER_GRADES,
    Customer,
    CustomerAnnualVolume,
    CustomerContact,
    CustomerProduct,
    CustomerStatus,
    CustomerType,
)
from app.models.setting import Setting

__all__ = [
    "AuditEntry",
    "CUSTOMER_GRADES",
    "Customer",
    "CustomerAnnualVolume",
    "CustomerContact",
    "CustomerProduct",
    "CustomerStatus",
    "CustomerType",
    "Setting",
]
