-- The built-in clock rules cited the statute in English ("PRC Insurance Law Art. 23 (…)"), and every
-- clock copied that text, so a claims page in Chinese showed an English legal basis. The statute is
-- Chinese law and the citation is its name: the built-in rules (still as seeded) now cite it as
-- 《保险法》 does, and the clocks that copied the old text follow. A source an administrator wrote is
-- left alone; the rule's version does not change (its days did not).
CREATE TEMPORARY TABLE clock_source_zh (old text PRIMARY KEY, zh text NOT NULL);
INSERT INTO clock_source_zh (old, zh) VALUES
  ('PRC Insurance Law Art. 23 (determination within 30 days of a complete claim)', '《保险法》第二十三条：收到完整的索赔材料后 30 日内作出核定'),
  ('PRC Insurance Law Art. 23 (payment within 10 days of agreement on the amount)', '《保险法》第二十三条：达成赔付协议后 10 日内支付赔款'),
  ('PRC Insurance Law Art. 24 (written denial notice within 3 days)', '《保险法》第二十四条：作出拒赔核定后 3 日内发出拒赔通知书并说明理由'),
  ('PRC Insurance Law Art. 25 (advance payment if the amount is not fixed within 60 days)', '《保险法》第二十五条：60 日内不能确定赔付金额的，先行支付可以确定的部分');
UPDATE claim_clock_rule r SET source = s.zh FROM clock_source_zh s WHERE r.source = s.old;
UPDATE claim_clock c SET rule_source = s.zh FROM clock_source_zh s WHERE c.rule_source = s.old;
DROP TABLE clock_source_zh;
