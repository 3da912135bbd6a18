"""Estimators and readers behind `tools/facts`: the stylised facts of a firmsim run.

Standard library only. Modules:
  power_law   -- Clauset-Shalizi-Newman (2009) tail fits, continuous and discrete
  subbotin    -- maximum-likelihood shape of a Subbotin (exponential power) density
  statistics  -- quantiles, block bootstrap, within-group least squares
  run_folder  -- reading the result files of `firmsim run`
  facts       -- the facts themselves: data, estimate, target and band
  report      -- the text table and the JSON document
"""
