"""The returns tab 退货 and the return form."""
