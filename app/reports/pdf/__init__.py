"""PDF forms (reportlab), one module per form plus the shared page frame."""
