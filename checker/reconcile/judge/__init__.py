"""Each kind of claim judged: times, lengths and numbers, offices, quotations, lists and statements."""
