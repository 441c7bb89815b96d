"""What the plan means, independent of any page: target statuses, the sentences that state them, figures
in text, and where each thing lives on the site."""
