"""Reading returns back: the ledgers and score sheets units fill in, checked against their plans and summed up."""
