-- A product says how long its cover usually runs, so a policy entered on it starts with the right
-- end date (a 20-year term life policy no longer defaults to one year). NULL: no usual term (the
-- console then proposes one year). Months, so that terms like 6 months or 20 years both fit.
ALTER TABLE product ADD COLUMN term_months integer CHECK (term_months IS NULL OR term_months BETWEEN 1 AND 1200);
