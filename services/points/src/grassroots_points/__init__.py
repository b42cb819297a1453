"""The points service: the ledger of service points, rules, rewards and leaderboards."""
