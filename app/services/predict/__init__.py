"""Prediction: early warnings of drifting failure shares, replayed over a store's history."""
