"""Purchasing pages: the region's leaderboard, agencies and their budget year, purchases, imports."""
