"""The typed learning review, its vocabularies and the verdict engine.

Every judgement that depends on dates or states (working days, referral timeliness, action
state, measure result) is made here, once, so the rules, the pages, the downloads and the
meeting report can never disagree.
"""
