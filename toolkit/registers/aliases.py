"""How sites name each field: the shipped alias table.

A pattern is keyword groups joined by ``&``; a group lists alternatives joined by ``|``;
a group starting with ``!`` must not occur (``!=text``: the header is not exactly that); ``=text``
matches the whole header only; a
pattern starting with ``~`` is a weaker name: a part of a field (材料费 of a fee split into
parts) or a word that names the field only when nothing better does (处理人, 客服签收). It
counts half, so a column naming the whole (合计金额, 返单签收人, 维修人) beats it while a
lone such column still maps; the parts of a money field with no whole add up.
Headers are normalised first (full-width → half-width, spaces, line breaks and brackets
removed, lower case), and a two-level header is matched as group + name ("返单" +
"签收人" → "返单签收人"). The longest matching keywords win, so 工程部签收时间 beats
签收时间. Patterns describe concepts (event + attribute) rather than listing every
spelling, so a header never seen before, like 派工日期 or 维修人员签名, still maps.

Entries whose target is a tuple are ambiguous: 签收人 is engineering's sign-in when it
stands among the dispatch columns and the return signer when it stands after completion;
the reader resolves them by the lifecycle stage of the columns to their left.

Sites with headers no pattern knows map them in toolkit.toml under ``[columns]``.
"""

from __future__ import annotations

from toolkit.registers.fields import COMPLAINTS, WORK_ORDERS

T = "时间|日期|时刻|date|time"  # what makes a header a time column
NOT_T = "!时间|日期|时刻"

ALIASES: dict[str, dict[str | tuple[str, ...], list[str]]] = {
    WORK_ORDERS: {
        "seq": ["序号|行号|序列号", "=序", "=#"],
        "order_no": [
            "单号|编号|单据号|联单号|表单号|工单号|order&!序|房|电话|手机|投诉|楼|证",
            "=no", "=no.", "=nr",
        ],
        # 创建时间 of a software export: the order was created when the call was taken
        "received_at": [f"报修|接报|来电|受理|报事|报障|接待|登记|创建|建单&{T}", "=日期", "=时间", "=报修"],
        "dispatched_at": [f"派单|派工|发单|下单|开单|派发|出单|派遣|dispatch&{T}"],
        # 户别 (Taiwan) and a bare 单位 (單位: a flat in Hong Kong and Macau) name the home too.
        "location": [f"地点|地址|位置|房号|房间|房屋|楼号|楼栋|单元|户号|户别|部位|区域|门牌|location|address&{NOT_T}|电话",
                     "=单位"],
        "content": [
            f"内容|事项|事由|故障|问题|描述|content&{NOT_T}|回访|结果|原因|投诉|批示",
            # 维修项目 is what was repaired; 项目名称 / 所属项目 of a software export is the estate
            # (云栖府), never the content, and a bare 项目 is the content only when nothing better is
            f"项目&{NOT_T}|回访|结果|原因|投诉|批示|名称|所属|小区|楼盘|管理处|=项目",
            "~=项目",
        ],
        "customer_name": [
            f"客户|业主|住户|用户|报修人|报事人|业户|联系人|姓名|customer&{NOT_T}|签|电话|手机|联系方式|号码|"
            "地址|意见|满意|评价|确认|验收|维修|房",
        ],
        "customer_phone": [f"电话|手机|联系方式|联系号码|号码|phone|tel&{NOT_T}"],
        "paid": [
            "有偿|无偿|有无偿|是否收费|收费类型|费用类型|收费性质|收费与否|收费情况|收费方式|有无收费|付费|paid&!金额|元|数额|标准",
            "=收费", "收费&免费",
        ],
        "accepted_at": [f"接单|工程部签收|工程签收|接收|工程部接收|签单|工程部接|accept&{T}"],
        "accepted_by": [
            f"接单人|接单员|工程部签收|工程签收|接收人|签单人|工程部接单&{NOT_T}",
        ],
        ("accepted_at", "returned_at"): [f"签收&{T}"],
        ("accepted_by", "return_signer"): [f"=签收人|=签收|=签收人签字|=签收人签名|=签字人&{NOT_T}"],
        # Who did the repair; 处理人 in a work-order register is the repairer when no column
        # names the repairer (in a complaint register it is the owner).
        "repairer_signature": [
            f"维修人|维修员|维修工|维修师傅|师傅|维修人员|施工人|维修者|维修签|repairer&{NOT_T}|电话|手机|投诉",
            f"~处理人&{NOT_T}|电话|手机|投诉",
        ],
        "completed_at": [f"完工|完成|竣工|修复|修好|维修完毕|complete|finish&{T}"],
        "customer_signature": [
            "客户|业主|住户|用户|业户|验收&签字|签名|签收|签认|确认|验收|sign",
            "=验收人", "=验收", "=客户确认",
        ],
        "fee": [
            "费用|金额|实收|价格|收费标准|收费金额|fee|amount&!类型|性质|是否|有偿|无偿|原因",
            "=元", "收费&元",
            # A total (合计(元), 合计金额, 总费用, 费用合计, 实收金额) is the fee charged.
            "合计|总计|共计|总|实收&元|金额|费用|费|额|价|收费|款|fee|amount&!类型|性质|是否|有偿|无偿|原因|数|率",
            # A part of a split fee (材料费 | 人工费 | 合计): the fee only when nothing names the whole.
            "~材料|人工|工时|配件|维修|上门&费&!类型|性质|是否|有偿|无偿|原因",
        ],
        "delay_reason": ["延误|延时|延迟|超时|逾期|拖延|迟延|延期|delay&原因|理由|说明"],
        "incomplete_reason": ["未完成|未完工|未修复|未修好|不能完成|无法完成|未处理|未修|unfinish|incomplete&原因|理由|说明"],
        ("delay_reason", "incomplete_reason"): ["=原因", "=理由", "=原因说明", "=说明原因"],
        # Customer service signs for the returned order (客服签收, 客服收单) where no column names
        # the return itself: the intake clerk's 客服签字 often stands first.
        "returned_at": [f"返单|交回|回单|返回|收回|返还|交单|收单|return&{T}", f"~客服&签收|签字|收单&{T}"],
        "return_signer": [
            f"返单|交回|回单|收单|返回|交单&签收|签字|签名|人|签署&{NOT_T}",
            "收单人|收单员|签署人", "返单签收", f"~客服&签收|签字|签名|收单&{NOT_T}",
        ],
        "special_approval": ["批示|特批|审批|特殊|approval"],
        "finance_receipt": ["财务&签收|签字|签名|交|接收|收|确认|日期|时间", "交财务|finance"],
        "visit_at": [f"回访&{T}"],
        # What the return visit found: 回访结果/记录/内容 or a column headed just 回访 (not 回访人).
        "visit_result": [
            f"回访&结果|情况|意见|评价|满意|记录|内容|反馈&{NOT_T}|人|员|电话|方式",
            "=回访", "满意度|满意程度|客户评价|客户意见|satisf",
        ],
        "remarks": ["备注|附注|note|remark", "=说明"],
        # 工单状态 of a software export (待派单, 处理中, 已完成, 已取消); not a fee's, a payment's or a visit's
        "status": [f"状态|status&{NOT_T}|费|款|付|财务|回访|评价|签"],
    },
    COMPLAINTS: {
        "seq": ["序号|行号|序列号", "=序", "=#"],
        # The complaint's own identifier, never a room, a phone or a head count.
        "complaint_no": [
            "编号|单号|流水号|登记号|受理号|案号|投诉号|no&!序|房|电话|手机|证|人数",
            "=no", "=no.",
        ],
        # Receipt: an intake event + a time word (投诉时间, 受理日期, 来电时间); a bare 日期/时间.
        "received_at": [f"投诉|受理|来电|接报|登记|接到|来访|接待|收到|反映|创建|建单|received&{T}", "=日期", "=时间"],
        # Who complained: a customer word, not a staff role, a count, a phone or a place, and
        # never whom the complaint is about (被投诉人, 被投诉部门, 被投诉对象).
        "complainant": [
            f"投诉人|投诉方|投诉者|客户|业主|住户|业户|用户|姓名|来访人|来电人|反映人|联系人|complainant&{NOT_T}|"
            "签|电话|手机|号码|地址|意见|满意|评价|首问|受理|责任|处理|人数|类别|房|方式|渠道|途径|来源|被",
        ],
        "phone": [f"电话|手机|联系方式|联系号码|号码|phone|tel&{NOT_T}|人数"],
        "location": [f"房号|地址|地点|位置|楼栋|楼号|单元|户号|户别|门牌|房间|部位|区域|location&{NOT_T}|电话",
                     "=单位"],
        # What was complained about; not what was done about it or the reply.
        "content": [
            f"投诉内容|内容|事由|事项|问题|诉求|情况|描述|content&{NOT_T}|处理|结果|回访|类别|原因|答复|回复|反馈|整改|"
            "曝光|媒体|诉讼|起诉|律师",
        ],
        # By content: 设备设施 / 管理服务 / 收费 / 突发事件 (性质 is 重大/一般, another axis).
        "category": ["类别|类型|分类|category&!人数|性质"],
        "people_count": ["人数|户数|涉及人|people"],
        "media_or_legal": ["曝光|媒体|诉讼|起诉|法律|律师|media|legal"],
        # 首问责任制: the person who took the complaint (首问责任人 is not the department's owner).
        # A staff role + person (受理人, 登记员); a group word such as 投诉登记 over 投诉人 is not one.
        "first_handler": [
            f"首问|受理人|接待人|接诉人|登记人|记录人|接听人|接报人|受理员|接待员|登记员|记录员|handler&{NOT_T}",
        ],
        # Who handles it: the responsible person or department, not the first responder.
        "owner": [
            f"责任|处理|承办|负责|跟进|办理|经办|owner&人|部门|单位|班组|员|方&{NOT_T}|首问|结果|情况|意见|过程|措施",
            "=责任部门", "=部门",
        ],
        # The reply time promised to the customer ("我会在*年*月*日前给您答复").
        "promised_reply_at": [
            f"承诺|约定|预计|计划|预约|应答|应回|要求|最迟|最晚|promise|due&答复|回复|反馈|办结|完成|处理|时限|期限|{T}",
            "答复|回复|反馈&期限|时限",
        ],
        "replied_at": [f"答复|回复|反馈|回应|reply&{T}&!承诺|约定|预计|计划|预约|最迟|最晚|期限|时限",
                       # 答复 over 承诺 | 实际 (or 应答复 | 已答复): the actual reply
                       "答复|回复|反馈&实际|已答|已回&!承诺|约定|预计|计划|预约|最迟|最晚|期限|时限|应答|应回"],
        "result": [
            "处理|答复|回复|解决|整改|落实&结果|情况|意见|过程|措施|内容|方案|经过&!回访|满意",
            "结果|result&!回访|满意",
        ],
        "visit_at": [f"回访&{T}"],
        # What the return visit found: 回访结果/记录/内容 or a column headed just 回访 (not 回访人).
        "visit_result": [
            f"回访&结果|情况|意见|评价|满意|记录|内容|反馈&{NOT_T}|人|员|电话|方式",
            "=回访", "满意度|满意程度|满意|satisf",
        ],
        # a close time; or a column saying only whether it is closed (是否结案: 是/否, 已结案/未结案)
        "closed_at": [f"结案|关闭|办结|完结|闭环|close&{T}", "是否结案|结案情况|结案状态|是否办结|是否关闭", "=结案",
                      "=已结案"],
        "remarks": ["备注|附注|note|remark", "=说明"],
    },
}

# Headers whose text marks a register kind even when its field is shared.
KIND_WORDS = {WORK_ORDERS: ("维修", "报修", "工单", "派单", "派工", "完工"), COMPLAINTS: ("投诉", "答复", "回复", "结案")}

# Headers that name a field only beside a column of that field: a bare 合计 after
# 材料费 | 人工费 is the fee's total (elsewhere it may count anything).
BESIDE: dict[str, dict[str, str]] = {WORK_ORDERS: {"合计": "fee", "总计": "fee"}, COMPLAINTS: {}}

# A column may serve two fields when a site writes both in one cell (e.g. 延误/未完成原因).
SHARED_FIELDS = (frozenset({"delay_reason", "incomplete_reason"}),)
