"""Fuzzy search over the bank and near-duplicate detection (rapidfuzz)."""
