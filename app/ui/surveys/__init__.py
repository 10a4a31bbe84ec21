"""The satisfaction surveys tab 满意度调查: templates, campaigns with their results, answers."""
