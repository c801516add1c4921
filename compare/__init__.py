"""Comparing stored reports: across years (trend), and their charts. Plain data in and out."""
