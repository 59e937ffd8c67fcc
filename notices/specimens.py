"""A specimen snapshot of every kind: to look at the layouts, for the tests and for the benchmark.

Plain data in the shape notices.kinds describes, for 舞钢市人民法院 (豫0481). `specimen_snapshot(kind,
court_code=…)` gives a fresh copy, so a test may change it without touching another's.
"""

import copy

COURT = {
    "name": "舞钢市人民法院",
    "code": "豫0481",
    "address": "河南省舞钢市垭口街道院岭路××号",
    "phone": "12368",
    "appeal_court": "平顶山市中级人民法院",
    "fee_account": {
        "name": "舞钢市人民法院诉讼费专户",
        "bank": "中国农业银行舞钢市支行",
        "number": "16-603101040000000",
    },
}

COMMON = {
    "court": COURT,
    "issued_on": "2026-03-05",
    "clerk": {"name": "王敏", "phone": "0375-8188000"},
}

MATTER = {
    "plaintiffs": ["张某某"],
    "defendants": ["平顶山某某商贸有限公司"],
    "cause": "买卖合同纠纷",
}

SPECIMENS = {
    "receipt": {
        "submitter": "张某某",
        "received_at": "2026-03-05T09:32:00+08:00",
        "round": 1,
        "filing_ref": "收件第20260305-0007号",
        "materials": [
            {"name": "民事起诉状", "copies": 2, "pages": 3, "original": True},
            {"name": "原告居民身份证", "copies": 1, "pages": 1, "original": False},
            {"name": "被告企业信用信息公示报告", "copies": 1, "pages": 2, "original": False},
            {"name": "买卖合同", "copies": 1, "pages": 4, "original": False},
            {"name": "送货单、对账单", "copies": 1, "pages": 6, "original": False},
        ],
        "note": "起诉状副本按被告人数提交。",
    },
    "correction": {
        "addressee": "张某某",
        "matter": MATTER,
        "received_on": "2026-03-02",
        "items": [
            {
                "material": "民事起诉状",
                "problem": "未写明被告的住所地和联系方式",
                "provide": "补充写明被告住所地、联系方式后的起诉状原件二份",
            },
            {
                "material": "证据材料",
                "problem": "送货单未注明来源，且缺少证据清单",
                "provide": "注明证据来源的证据清单一份",
            },
            {
                "material": "授权委托书",
                "problem": "委托权限写为“全权代理”，未写明具体权限",
                "provide": "写明委托事项和具体权限、由委托人签名的授权委托书",
            },
        ],
        "deadline_on": "2026-03-12",
        "follow_up": False,
    },
    "acceptance": {
        # Typed with half-width brackets on purpose: the document prints them full-width.
        "case_number": "(2026)豫0481民初123号",
        "addressee": "张某某",
        "plaintiffs": ["张某某"],
        "defendants": ["平顶山某某商贸有限公司"],
        "cause": "买卖合同纠纷",
        # 诉讼费用交纳办法 art. 13 on a claim of 150,000 yuan: 50 + 90,000 × 2.5% + 50,000 × 2%.
        "fee_total": "3300.00",
        "registered_on": "2026-03-05",
    },
    "fee": {
        "case_number": "(2026)豫0481民初123号",
        "addressee": "张某某",
        "amounts": {
            "acceptance_fee": "3300.00",
            "application_fee": "1270.00",
            "other": "0.00",
            "total": "4570.00",
        },
        "basis": "诉讼请求金额150000元，按财产案件分段累计计算；诉前财产保全申请费按保全金额计算",
    },
    "refusal": {
        "case_number": "(2026)豫0481民初124号",
        "filers": [
            {
                "name": "李某某",
                "details": "男，1975年6月12日出生，汉族，住河南省舞钢市矿建街道××村××号",
            }
        ],
        "received_on": "2026-03-02",
        "claims": "1.判令赵某某偿还借款50000元及利息；2.诉讼费用由赵某某负担",
        "reasons": (
            "起诉人以同一借款事实和理由，就同一诉讼标的起诉赵某某，已经本院（2025）豫0481民初456号民事判决"
            "作出处理，该判决已经发生法律效力。起诉人再次起诉，构成重复起诉"
        ),
        "legal_basis": (
            "《中华人民共和国民事诉讼法》第一百二十七条第五项、第一百五十七条第一款第一项，"
            "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百四十七条"
        ),
        "judge": "陈立新",
    },
    "jurisdiction": {
        "addressee": "刘某某",
        "matter": {
            "plaintiffs": ["刘某某"],
            "defendants": ["郑州某某置业有限公司"],
            "cause": "商品房预售合同纠纷",
        },
        "received_on": "2026-03-04",
        "competent_court": "郑州市金水区人民法院",
        "reason": "该案系因位于郑州市金水区的不动产提起的诉讼，依法由不动产所在地人民法院专属管辖",
        "materials_returned": [
            "民事起诉状（原件二份）",
            "原告居民身份证复印件一份",
            "商品房买卖合同复印件一份",
        ],
    },
    "evidence": {
        "case_number": "(2026)豫0481民初123号",
        "addressee": "张某某",
        "matter": MATTER,
        "period_days": 15,
    },
    "return": {
        "addressee": "张某某",
        "matter": MATTER,
        "notice_number": "豫0481补〔2026〕15号",
        "deadline_on": "2026-03-12",
        "materials_returned": ["民事起诉状（原件二份）", "原告居民身份证复印件一份", "买卖合同复印件一份"],
    },
    "fee_receipt": {
        "case_number": "(2026)豫0481民初123号",
        "payer": "张某某",
        # A first, partial payment of the 3,300 yuan the fee notice asked for.
        "amount": "2000.00",
        "method": "POS 刷卡",
        "reference": "POS20260305093211",
        "paid_on": "2026-03-05",
        "ledger": {"charged": "3300.00", "paid": "2000.00", "refunded": "0.00", "balance": "1300.00"},
    },
    "enforcement": {
        "case_number": "(2026)豫0481执45号",
        "addressee": "张某某",
        "applicants": ["张某某"],
        "respondents": ["平顶山某某商贸有限公司"],
        "basis": {
            "issuer": "舞钢市人民法院",
            "case_number": "（2025）豫0481民初456号",
            "instrument": "判决书",
        },
        "amount": "100000.00",
        # 诉讼费用交纳办法 art. 14(1): 50 + 90,000 × 1.5%, paid after enforcement (art. 20).
        "fee_total": "1400.00",
        "registered_on": "2026-03-05",
    },
    "relief_grant": {
        "case_number": "（2026）豫0481民初123号",
        "applicant": "张某某",
        "matter": MATTER,
        "applied_on": "2026-03-05",
        "relief": "减交",
        "ground": "第四十六条第（一）项",
        "fee_before": "3300.00",
        "fee_after": "1650.00",
        "percentage": "50",
        "deferred_to": None,
        "judge": "刘芳",
    },
    "relief_refusal": {
        "case_number": "（2026）豫0481民初123号",
        "applicant": "张某某",
        "matter": MATTER,
        "applied_on": "2026-03-05",
        "relief": "免交",
        "reasons": "申请人提交的证明材料不能证明其无固定生活来源",
        "fee": "3300.00",
    },
    "transfer_receipt": {
        "submitter": "张某某",
        "received_at": "2026-03-05T10:15:00+08:00",
        "ticket_ref": "2026-000123",
        "receiver": {"name": "赵志强", "department": "民事审判庭"},
        "case_number": "（2026）豫0481民初123号",
        "materials": [
            {"name": "证据补充材料", "copies": 1, "pages": 5, "original": False},
            {"name": "质证意见", "copies": 2, "pages": 3, "original": True},
        ],
        "note": "当事人请求转交承办法官。",
    },
    "treated_withdrawn": {
        "case_number": "（2026）豫0481民初123号",
        "plaintiffs": [{"name": "张某某", "details": "男，1980年1月1日出生，汉族，住河南省舞钢市"}],
        "defendants": [{"name": "平顶山某某商贸有限公司", "details": "住所地河南省平顶山市"}],
        "cause": "买卖合同纠纷",
        "registered_on": "2026-03-05",
        "started_by": "fee_notice",
        "served_on": "2026-03-05",
        "due_on": "2026-03-12",
        "fee": "3300.00",
        "legal_basis": "《中华人民共和国民事诉讼法》第一百五十七条第一款第十一项，"
        "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百一十三条，《诉讼费用交纳办法》第二十二条",
        "judge": "刘芳",
    },
}


def specimen_snapshot(kind: str, *, court_code: str | None = None, court_name: str | None = None) -> dict:
    """A complete, valid snapshot of `kind`; pass the code (and name) of the court that issues it."""
    snapshot = copy.deepcopy({**COMMON, **SPECIMENS[kind]})
    if court_code:
        snapshot["court"]["code"] = court_code
    if court_name:
        snapshot["court"]["name"] = court_name
    return snapshot
