"""Sahabat UMKM: a platform for regencies and cities to develop their UMKM with partner regions."""
