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

English headers (Hong Kong, Singapore, estates run in English, bilingual forms 单号 Order No.)
have their own patterns (``ENGLISH``), matched word by word: an English keyword matches a
whole word, and with a trailing ``*`` the start of one (``sign*``: sign, signed, signature;
never "assigned"), so "no" never matches inside "notes" nor "tel" inside "hotel". Headers keep
one space between English words ("Customer's Signature" → "customer signature", "W/O #" →
"wo no"), and an English letter weighs half a Chinese character, so either half of a
bilingual header decides alike. English marks the event alone as its time ("Received",
"Completed", "Returned to CS") and the person with "by" ("Completed By", "Signed by Customer").

Sites with headers no pattern knows map them in toolkit.toml under ``[columns]``.
"""

from __future__ import annotations

from toolkit.registers.fields import CALLS, COMPLAINTS, WORK_ORDERS

T = "时间|日期|时刻|date|time"  # what makes a header a time column
NOT_T = "!时间|日期|时刻"

ALIASES: dict[str, dict[str | tuple[str, ...], list[str]]] = {
    WORK_ORDERS: {
        "seq": ["序号|行号|序列号", "=序", "=#"],
        "order_no": [
            "单号|编号|单据号|联单号|表单号|工单号&!序|房|电话|手机|投诉|楼|证",
        ],
        # 创建时间 of a software export: the order was created when the call was taken
        "received_at": [f"报修|接报|来电|受理|报事|报障|接待|登记|创建|建单&{T}", "=日期", "=时间", "=报修"],
        "dispatched_at": [f"派单|派工|发单|下单|开单|派发|出单|派遣&{T}"],
        # 户别 (Taiwan) and a bare 单位 (單位: a flat in Hong Kong and Macau) name the home too.
        "location": [f"地点|地址|住址|位置|房号|房间|房屋|楼号|楼栋|单元|户号|户别|部位|区域|门牌&{NOT_T}|电话",
                     "=单位"],
        "content": [
            f"内容|事项|事由|故障|问题|描述&{NOT_T}|回访|结果|原因|投诉|批示",
            # 维修项目 is what was repaired; 项目名称 / 所属项目 of a software export is the estate
            # (云栖府), never the content, and a bare 项目 is the content only when nothing better is
            f"项目&{NOT_T}|回访|结果|原因|投诉|批示|名称|所属|小区|楼盘|管理处|=项目",
            "~=项目",
        ],
        "customer_name": [
            f"客户|业主|住户|用户|报修人|报事人|业户|联系人|姓名|来电人|来访人&{NOT_T}|签|电话|手机|联系方式|号码|"
            "地址|意见|满意|评价|确认|验收|维修|房",
        ],
        "customer_phone": [f"电话|手机|联系方式|联系号码|号码&{NOT_T}"],
        "paid": [
            "有偿|无偿|有无偿|是否收费|收费类型|费用类型|收费性质|收费与否|收费情况|收费方式|有无收费|付费&!金额|元|数额|标准",
            "=收费", "收费&免费",
        ],
        "accepted_at": [f"接单|工程部签收|工程签收|接收|工程部接收|签单|工程部接&{T}"],
        "accepted_by": [
            f"接单人|接单员|工程部签收|工程签收|接收人|签单人|工程部接单&{NOT_T}",
        ],
        ("accepted_at", "returned_at"): [f"签收&{T}"],
        ("accepted_by", "return_signer"): [f"=签收人|=签收|=签收人签字|=签收人签名|=签字人&{NOT_T}"],
        # Who did the repair; 处理人 in a work-order register is the repairer when no column
        # names the repairer (in a complaint register it is the owner).
        "repairer_signature": [
            f"维修人|维修员|维修工|维修师傅|师傅|维修人员|施工人|维修者|维修签&{NOT_T}|电话|手机|投诉",
            f"~处理人&{NOT_T}|电话|手机|投诉",
        ],
        "completed_at": [f"完工|完成|竣工|修复|修好|维修完毕&{T}"],
        "customer_signature": [
            "客户|业主|住户|用户|业户|验收&签字|签名|签收|签认|确认|验收",
            "=验收人", "=验收", "=客户确认",
        ],
        "fee": [
            "费用|金额|实收|价格|收费标准|收费金额&!类型|性质|是否|有偿|无偿|原因",
            "=元", "收费&元",
            # A total (合计(元), 合计金额, 总费用, 费用合计, 实收金额) is the fee charged.
            "合计|总计|共计|总|实收&元|金额|费用|费|额|价|收费|款&!类型|性质|是否|有偿|无偿|原因|数|率",
            # A part of a split fee (材料费 | 人工费 | 合计): the fee only when nothing names the whole.
            "~材料|人工|工时|配件|维修|上门&费&!类型|性质|是否|有偿|无偿|原因",
        ],
        "delay_reason": ["延误|延时|延迟|超时|逾期|拖延|迟延|延期&原因|理由|说明"],
        "incomplete_reason": ["未完成|未完工|未修复|未修好|不能完成|无法完成|未处理|未修&原因|理由|说明"],
        ("delay_reason", "incomplete_reason"): ["=原因", "=理由", "=原因说明", "=说明原因"],
        # Customer service signs for the returned order (客服签收, 客服收单) where no column names
        # the return itself: the intake clerk's 客服签字 often stands first.
        "returned_at": [f"返单|交回|回单|返回|收回|返还|交单|收单&{T}", f"~客服&签收|签字|收单&{T}"],
        "return_signer": [
            f"返单|交回|回单|收单|返回|交单&签收|签字|签名|人|签署&{NOT_T}",
            "收单人|收单员|签署人", "返单签收", f"~客服&签收|签字|签名|收单&{NOT_T}",
        ],
        "special_approval": ["批示|特批|审批|特殊"],
        "finance_receipt": ["财务&签收|签字|签名|交|接收|收|确认|日期|时间", "交财务"],
        "visit_at": [f"回访&{T}"],
        # What the return visit found: 回访结果/记录/内容 or a column headed just 回访 (not 回访人).
        "visit_result": [
            f"回访&结果|情况|意见|评价|满意|记录|内容|反馈&{NOT_T}|人|员|电话|方式",
            "=回访", "满意度|满意程度|客户评价|客户意见",
        ],
        "remarks": ["备注|附注", "=说明"],
        # 工单状态 of a software export (待派单, 处理中, 已完成, 已取消); not a fee's, a payment's or a visit's
        "status": [f"状态&{NOT_T}|费|款|付|财务|回访|评价|签"],
        # Who issued the order (三.12: 发单的人员): the clerk who took the call or wrote the form, not
        # engineering's 接单人, the visit's 回访人 or the return's 收单人. A bare 客服 column names
        # the issuer only when nothing better does.
        "issued_by": [
            f"发单|派单|开单|派工|下单|出单|填单|制单|接报|受理|记录|接听|登记|接线|接待&人|员&{NOT_T}|电话|手机|"
            "客户|业主|维修|工程|回访|财务|返单|交回|回单|收单|返回|签收|人数",
            f"~=客服|=客服人员|=客服员|=值班客服|=接线员|=话务员&{NOT_T}",
        ],
    },
    COMPLAINTS: {
        "seq": ["序号|行号|序列号", "=序", "=#"],
        # The complaint's own identifier, never a room, a phone or a head count.
        "complaint_no": [
            "编号|单号|流水号|登记号|受理号|案号|投诉号&!序|房|电话|手机|证|人数",
        ],
        # Receipt: an intake event + a time word (投诉时间, 受理日期, 来电时间); a bare 日期/时间.
        "received_at": [f"投诉|受理|来电|接报|登记|接到|来访|接待|收到|反映|创建|建单&{T}", "=日期", "=时间"],
        # Who complained: a customer word, not a staff role, a count, a phone or a place, and
        # never whom the complaint is about (被投诉人, 被投诉部门, 被投诉对象).
        "complainant": [
            f"投诉人|投诉方|投诉者|诉求人|客户|业主|住户|业户|用户|姓名|来访人|来电人|反映人|联系人&{NOT_T}|"
            "签|电话|手机|号码|地址|意见|满意|评价|首问|受理|责任|处理|人数|类别|房|方式|渠道|途径|来源|被",
        ],
        "phone": [f"电话|手机|联系方式|联系号码|号码&{NOT_T}|人数"],
        "location": [f"房号|地址|住址|地点|位置|楼栋|楼号|单元|户号|户别|门牌|房间|部位|区域&{NOT_T}|电话",
                     "=单位"],
        # What was complained about; not what was done about it or the reply.
        "content": [
            f"投诉内容|内容|事由|事项|问题|诉求|情况|描述&{NOT_T}|处理|结果|回访|类别|原因|答复|回复|反馈|整改|"
            "曝光|媒体|诉讼|起诉|律师",
        ],
        # By content: 设备设施 / 管理服务 / 收费 / 突发事件 (性质 is 重大/一般, another axis).
        "category": ["类别|类型|分类&!人数|性质"],
        "people_count": ["人数|户数|涉及人"],
        "media_or_legal": ["曝光|媒体|诉讼|起诉|法律|律师"],
        # 首问责任制: the person who took the complaint (首问责任人 is not the department's owner).
        # A staff role + person (受理人, 登记员); a group word such as 投诉登记 over 投诉人 is not one.
        "first_handler": [
            f"首问|受理人|接待人|接诉人|登记人|记录人|接听人|接报人|受理员|接待员|登记员|记录员&{NOT_T}",
        ],
        # Who handles it: the responsible person or department, not the first responder.
        "owner": [
            f"责任|处理|承办|负责|跟进|办理|经办&人|部门|单位|班组|员|方&{NOT_T}|首问|结果|情况|意见|过程|措施",
            "=责任部门", "=部门",
        ],
        # The reply time promised to the customer ("我会在*年*月*日前给您答复").
        "promised_reply_at": [
            f"承诺|约定|预计|计划|预约|应答|应回|要求|最迟|最晚&答复|回复|反馈|办结|完成|处理|时限|期限|{T}",
            "答复|回复|反馈&期限|时限",
            # a hotline's deadline for handling it (12345: 办理时限, 办结时限): the reply the customer is owed
            "办理|办结|处理|承办&时限|期限",
        ],
        "replied_at": [f"答复|回复|反馈|回应&{T}&!承诺|约定|预计|计划|预约|最迟|最晚|期限|时限",
                       # 答复 over 承诺 | 实际 (or 应答复 | 已答复): the actual reply
                       "答复|回复|反馈&实际|已答|已回&!承诺|约定|预计|计划|预约|最迟|最晚|期限|时限|应答|应回"],
        "result": [
            "处理|答复|回复|解决|整改|落实&结果|情况|意见|过程|措施|内容|方案|经过&!回访|满意",
            "结果&!回访|满意",
        ],
        "visit_at": [f"回访&{T}"],
        # What the return visit found: 回访结果/记录/内容 or a column headed just 回访 (not 回访人).
        "visit_result": [
            f"回访&结果|情况|意见|评价|满意|记录|内容|反馈&{NOT_T}|人|员|电话|方式",
            "=回访", "满意度|满意程度|满意",
        ],
        # a close time; or a column saying only whether it is closed (是否结案: 是/否, 已结案/未结案)
        "closed_at": [f"结案|关闭|办结|完结|闭环&{T}", "是否结案|结案情况|结案状态|是否办结|是否关闭", "=结案",
                      "=已结案"],
        "remarks": ["备注|附注", "=说明"],
    },
}


# A call log's columns as a call record (the calls neither repairs nor complaints).
ALIASES[CALLS] = {
    "seq": ["序号|行号|序列号", "=序", "=#"],
    "call_no": ["编号|单号|流水号|登记号|受理号|记录号&!序|房|电话|手机|证|人数"],
    "received_at": [f"来电|来访|受理|接听|接报|登记|接待|报事|报修|投诉&{T}", "=日期", "=时间"],
    "caller": [
        f"来电人|来访人|来电者|客户|业主|住户|业户|用户|姓名|联系人|反映人|报修人|投诉人&{NOT_T}|"
        "签|电话|手机|号码|地址|意见|满意|评价|首问|受理|责任|处理|类别|类型|房|方式|渠道|被",
    ],
    "phone": [f"电话|手机|联系方式|联系号码|号码&{NOT_T}"],
    "location": [f"房号|地址|住址|地点|位置|楼栋|楼号|单元|户号|户别|门牌|房间&{NOT_T}|电话", "=单位"],
    "content": [
        f"内容|事由|事项|问题|诉求|情况|描述&{NOT_T}|处理|结果|回访|类别|类型|原因|答复|回复|反馈",
    ],
    # Who took the call (首问: 受理人, 接听人, 记录人, 值班员).
    "taker": [f"首问|受理|接待|接听|登记|记录|值班|客服&人|员&{NOT_T}", f"=客服|=接线员|=话务员&{NOT_T}"],
    "result": [
        "处理|答复|回复|解决|落实&结果|情况|意见|过程|措施|方案|经过&!回访|满意",
        "结果&!回访|满意",
    ],
    "remarks": ["备注|附注", "=说明"],
}

# ---- English ----------------------------------------------------------------------------------
# What makes an English header a time column; what makes it a person's (or not a time).
ET = "date|dates|time|datetime|timestamp|at|on|hour|hours|hr|hrs|dt"
NOT_ET = "!date|dates|time|datetime|timestamp"
# A number: "No.", "#" (read as "no"), "Ref", "ID".
NUMBER = "no|nos|number|num|nbr|nr|ref|id|code"
# Not the order's number: a home's, a phone's, a person's, a count, a receipt's.
NOT_ORDER_NUMBER = ("!serial|sn|sr|s|flat|unit|units|room|rm|apt|tel|telephone|phone|mobile|mob|contact|block|blk|floor|"
                    "house|door|hkid|passport|people|persons|households|receipt|invoice|of|date|time|type|seq|item|line|row")
CUSTOMER = ("customer*|cust|client*|owner|owners|resident*|tenant*|occupant*|occupier*|homeowner*|household|user|users|"
            "caller")
NOT_CUSTOMER_NAME = ("!sign*|sig|sigs|signature*|chop|tel|telephone|phone*|mob|mobile|cell|hp|contact no|contact number|email|"
                     "address|addr|flat|unit|room|rm|satisf*|feedback|comment*|rating|confirm*|acknowledg*|accept*|"
                     "service|care|type|id|date|time|no|number|count|engineer*|technician*|staff|officer|clerk|cs|"
                     "repairer*|worker*|handled|received by")
PLACE = ("location|address|addr|unit|flat|flats|rm|room|apt|apartment|blk|block|bldg|building|tower|house|floor|flr|"
         "premises|site|area|door|suite|villa|estate unit|unit no|flat no|room no|place")
NOT_PLACE = "!tel|telephone|phone|mobile|mob|contact|price|cost|rate|people|persons|date|time|owner*|tenant*|engineer*|manager"
PHONE = ("tel|tels|telephone|phone|phones|phone no|mob|mobile|mobile no|cell|cellphone|hp|handphone|whatsapp|contact|"
         "contact no|contact number|contact tel")
NOT_PHONE = "!person|persons|name|people|of|method|channel|date|time|email|e mail|address"
SIGN = "sig|sigs|sign|signed|signature*|sign off|signed off|signoff|chop|initial*"

ENGLISH: dict[str, dict[str | tuple[str, ...], list[str]]] = {
    WORK_ORDERS: {
        # A row counter (S/N, Sr. No., Item): not the form's number.
        "seq": ["=sn|=s no|=sr no|=sr|=serial|=serial no|=item|=item no|=line|=line no|=row|=row no"],
        "order_no": [
            "work order|order|orders|wo|job|job card|job sheet|ticket|request|req|service request|form|docket|slip|"
            f"ref|reference|repair|maintenance|case|sheet&{NUMBER}&{NOT_ORDER_NUMBER}",
            "=ref|=reference|=work order|=wo|=job|=ticket|=order",
            # A bare No. is often the row counter: the form number only when no column names one (单号).
            "~=no|=number|=nr",
        ],
        "received_at": [
            "receiv*|recd|rcvd|receipt|report*|logged|log|lodg*|call*|request*|register*|intake|notif*|raised|"
            f"opened|creat*&{ET}&!by|financ*|account*|cashier|official|eng|engg|engineering|technician*|return*|back|cs|sign*|"
            "callback|visit*|follow*",
            "=received|=reported|=logged|=lodged|=date|=time|=date time|=recd|=rcvd|=time of call|=call time",
        ],
        "dispatched_at": [
            f"dispatch*|despatch*|assign*|issu*|allocat*|sent|forward*|passed|referred|transferred&{ET}&!by|to",
            "=dispatched|=despatched|=dispatch|=despatch|=assigned|=issued|=allocated",
            "sent|passed|forwarded|referred|handed|issued&to&eng|engg|engineering|maintenance|technician*|contractor*|"
            "works&!by|sign*|name",
        ],
        "location": [f"{PLACE}&{NOT_PLACE}"],
        "content": [
            "description|desc|details|detail|particulars|fault*|problem*|issue|issues|defect*|symptom*|content*|subject|"
            "nature|request|requests|requested|required|item|items|task|tasks|complaint|complaints|job|work|"
            "repair|repairs&!date|time|no|number|nr|id|ref|by|result*|outcome|reason*|fee*|cost*|charge*|amount|"
            "status|type|category|done|completed|sign*|sig|tel|phone|order|card|sheet|form|approv*|to",
        ],
        "customer_name": [
            f"{CUSTOMER}|name|full name|contact person|reported by|requested by|reporter|requester|applicant&"
            f"{NOT_CUSTOMER_NAME}",
        ],
        "customer_phone": [f"{PHONE}&{NOT_PHONE}"],
        "paid": [
            "chargeable|non chargeable|billable|foc|paid|free|free of charge|charged|payable|charging&"
            "!amount|amt|fee|fees|sum|total|price|cost|costs|$|hk$|rmb|hkd|by|date|time|receipt|no|number",
            "charge|charges|fee|fees|payment|billing&type|category|basis|nature|yn|y n|yes no|or free|free|foc",
        ],
        "accepted_at": [
            "eng|engg|engineering|maintenance|maint|technician*|engineer*|works|contractor*&sign in|signed in|sign on|"
            f"accept*|acknowledg*|receiv*|recd|taken|take|pick* up|picked&{ET}",
            f"sign in|signed in|accept|accepted|acceptance|acknowledged|taken up|picked up&{ET}&!customer*|client*|owner",
            "=accepted|=acknowledged|=eng received|=eng accepted|=engineering received|=engineering accepted|"
            "=eng acknowledged|=engineering acknowledged",
        ],
        "accepted_by": [
            "eng|engg|engineering|maintenance|maint|works&signed by|received by|accepted by|acknowledged by|taken by|"
            f"signed in by|sign in by|sign in|sign|signed|sig|signature*|name|by&{NOT_ET}",
            "engineer*|technician*|tech|staff|worker*&sign in|signed in|accept*|acknowledg*|receiv*|taken&"
            f"{NOT_ET}|customer*",
            f"accepted by|signed in by|sign in by|acknowledged by|taken by|picked up by&{NOT_ET}|customer*|return*",
        ],
        # Signed By alone: engineering's sign-in among the dispatch columns, the return after completion.
        ("accepted_by", "return_signer"): ["=signed by|=sign by"],
        "repairer_signature": [
            "repairer*|repairman|repairmen|technician*|tech|engineer*|worker*|handyman|plumber*|electrician*|"
            "contractor*|maintenance staff|attendant*|serviceman|workman|workmen|fitter*|mechanic*|staff&"
            f"{SIGN}|name|by|in charge&{NOT_ET}|customer*|client*",
            "repaired|attended|fixed|done|completed|serviced|performed|carried out|executed|work done|rectified&by&"
            f"{NOT_ET}",
            "=repairer|=technician|=engineer|=worker|=handyman|=contractor|=assigned to|=attended by",
            f"~handled by|handler|=assignee&{NOT_ET}",
        ],
        "completed_at": [
            f"complet*|finish*|done|fixed|repaired|resolved|rectified&{ET}&!by|sign*|reason*|expected|target|due|"
            "planned|estimated|scheduled|customer*",
            "=completed|=completion|=finished|=done|=fixed|=repaired|=job completed|=work completed|=job done|"
            "=repair completed|=date completed|=completed on",
        ],
        "customer_signature": [
            f"{CUSTOMER}&{SIGN}|acknowledg*|confirm*|acceptance|accepted|endorse*|verif*|sign*&"
            f"{NOT_ET}|service|care|satisf*|feedback|comment*|rating|name",
            "=customer sign off|=sign off|=signed off|=acceptance|=acknowledgement|=acknowledgment|=acknowledged by",
        ],
        "fee": [
            "fee|fees|charge|charges|amount|amt|cost|costs|price|payment|bill|invoice|$|hk$|hkd|rmb|mop$|"
            "mop|nt$|ntd|s$|sgd|usd|yuan&!type|status|yn|y n|yes no|free|chargeable|foc|basis|nature|category|"
            "reason*|receipt|approv*|no|number|ref|financ*|account*|paid by|date|time",
            "=hk$|=$|=rmb|=hkd|=mop$|=nt$|=s$|=sgd|=yuan|=¥",
            # A part of a split fee (Material | Labour | Total): the fee only when nothing names the whole.
            "~material*|labour|labor|parts|part|spare*|manpower|call out|callout|transport*|workmanship&fee|fees|"
            "charge|charges|cost|costs|amount|price|$|hk$|rmb",
            "~=material|=materials|=labour|=labor|=parts|=spare parts|=manpower",
        ],
        "delay_reason": [
            "delay*|late|lateness|overdue|overtime|exceed*|slow&reason*|cause*|explanation|remark*|why|"
            "justification|note|notes",
        ],
        "incomplete_reason": [
            "incomplet*|not complet*|uncomplet*|unfinish*|not finish*|not done|outstanding|pending|unable|not fixed|"
            "unresolved|failed|failure&reason*|cause*|explanation|why|remark*|justification",
        ],
        ("delay_reason", "incomplete_reason"): ["=reason|=reasons|=cause|=explanation"],
        "returned_at": [
            f"return*|handed back|hand back|received back|back to office|back to cs|submitted&{ET}&!by|sign*|visit*|"
            "reason*|name",
            "returned|return&to|cs|office|mo|desk|counter|reception|customer service&!by|sign*|sig|visit*|reason*|name",
            "=returned|=return|=form returned|=order returned|=wo returned|=job card returned|=returned on",
            f"~cs|customer service|front desk|reception|management office|counter&receiv*|recd|sign*|acknowledg*&{ET}",
        ],
        # Returned By names who brought the form back (the repairer): not the signer, left unmapped.
        "return_signer": [
            "return*|received back|back&sign*|sig|receiv*|recd|accept*|acknowledg*|check*|verif*&!date|time|visit*",
            "~cs|customer service|front desk|reception|management office|counter|clerk&received by|signed by|"
            f"accepted by|acknowledged by|checked by|receiv*|recd|sign*|sig|signature*&{NOT_ET}",
        ],
        "special_approval": [
            "approval|approved|approved by|approver|authorised|authorized|authorisation|authorization|special|"
            f"exception|waiver|instruction*&{NOT_ET}|fee|charge",
        ],
        "finance_receipt": [
            "financ*|fin|account*|accts|acct|cashier|treasury&sign*|sig|receiv*|recd|receipt*|rcpt|acknowledg*|by|"
            "check*|confirm*|handed|submitted|sent|date|time|verif*|stamp|chop|copy|collected",
            "to finance|to accounts|=finance|=accounts|=accounting|=cashier|=finance dept",
        ],
        "visit_at": [f"visit*|revisit*|follow up|followup|call back|callback|feedback call&{ET}&!by"],
        "visit_result": [
            "visit*|revisit*|follow up|followup|call back|callback&result*|outcome|feedback|comment*|remark*|record*|"
            f"rating|satisf*|opinion|response|findings&{NOT_ET}|by|tel|phone|name|staff",
            "satisf*|rating|customer feedback|feedback|customer comment*|customer opinion|customer evaluation|"
            f"=return visit|=visit|=follow up|=callback&{NOT_ET}|by|channel|method|source|type|no|number|form",
        ],
        "remarks": [
            "remark|remarks|rmk|rmks|note|notes|comment|comments|memo|others|other info|observation*|additional info*",
        ],
    },
    COMPLAINTS: {
        "seq": ["=sn|=s no|=sr no|=sr|=serial|=serial no|=item|=item no|=line|=line no|=row|=row no"],
        "complaint_no": [
            "complaint|complaints|case|ref|reference|ticket|file|record|log|job|form|cmp|feedback|enquiry|inquiry|"
            f"incident&{NUMBER}&{NOT_ORDER_NUMBER}",
            "=ref|=reference|=case|=complaint|=ticket",
            "~=no|=number|=nr",
        ],
        "received_at": [
            "receiv*|recd|rcvd|receipt|report*|logged|log|lodg*|complain*|call*|filed|raised|register*|intake|made|"
            f"creat*|opened&{ET}&!by|repl*|respon*|promis*|due|close*|closure|visit*|target|deadline|back|callback|follow*",
            "=received|=reported|=logged|=lodged|=date|=time|=date time|=recd|=rcvd",
        ],
        "complainant": [
            f"complainant*|complainer|complained by|reported by|lodged by|raised by|{CUSTOMER}|name|full name|"
            f"contact person|visitor|informant&{NOT_CUSTOMER_NAME}|no of|against|about|method|channel|source|case owner|"
            "action owner|task owner|dept|department|people|persons",
        ],
        "phone": [f"{PHONE}&{NOT_PHONE}"],
        "location": [f"{PLACE}&{NOT_PLACE}"],
        "content": [
            "description|desc|details|detail|particulars|nature|subject|content*|issue|issues|problem*|summary|matter|"
            "concern*|gist|complaint|complaints|allegation*|grievance*|what&!result*|outcome|action*|handl*|follow*|"
            "repl*|respon*|category|categories|type|class*|reason*|no|number|nr|ref|id|date|time|by|feedback|visit*|"
            "media|legal|people|persons|count|against|status|channel|source|method|closed|closure|dept|department|"
            "person|officer|owner|complainant*",
        ],
        "category": ["category|categories|type|class|classification|kind|cat&!people|persons|number|no of|media|fee|"
                     "charge|payment|contact|channel|source|method"],
        "people_count": [
            "no of people|number of people|people|persons|no of persons|households|no of households|head count|"
            "headcount|pax|affected|people affected|no of complainants|number of complainants|residents affected|"
            "people involved|persons involved&!tel|phone|name|contact",
        ],
        "media_or_legal": ["media|press|news|newspaper|legal|lawsuit|litigation|court|lawyer|solicitor|exposure|"
                           "journalist"],
        # Whoever took the complaint (received by, taken by), not whom it was passed to.
        "first_handler": [
            "received by|taken by|recorded by|logged by|registered by|answered by|intake by|first handler|first contact*|"
            f"first responder|first person|first officer|receiving staff|receiving officer|duty staff|staff on duty|"
            f"call taker|recorder|receptionist&{NOT_ET}",
            f"first&handler|contact*|respon*|person|officer|staff|in charge&{NOT_ET}",
        ],
        "owner": [
            "responsib*|handl*|follow up|followed up|assigned|action|case|in charge|charge|pic|dept|department|officer|"
            "team|section|division&by|person|persons|officer|owner|dept|department|team|party|staff|to|name|unit|"
            f"section|in charge|handler&{NOT_ET}|result*|outcome|taken|detail*|status|deadline|first|no|number|ref|type|"
            "content|description|progress|record*|received",
            "=pic|=person in charge|=department|=dept|=responsible|=handler|=handled by|=case owner|=action owner|"
            "=assignee",
        ],
        "promised_reply_at": [
            "promis*|due|target|deadline|committed|expected|agreed|undertak*|pledged|scheduled|planned|required&"
            "reply|response|respond|answer|date|time|by|feedback|completion|resolution|closure&!actual|replied|"
            "responded|answered",
            "reply|response|respond|answer|feedback&due|deadline|by|target|promised|within|limit|time limit&"
            "!actual|replied|responded|answered",
            "=deadline|=due|=due date|=target date|=reply by|=reply due|=time limit|=due by",
        ],
        "replied_at": [
            f"replied|reply|response|responded|answered|answer|reverted|feedback&{ET}&!promis*|due|target|deadline|"
            "expected|agreed|committed|within|limit|scheduled|planned|by|required",
            "actual&repl*|respon*|answer*|feedback&!promis*|due|target|deadline",
            "=replied|=responded|=answered|=replied on|=date replied",
        ],
        "result": [
            "result*|outcome|resolution|solution|measure*|remedy|remedies|rectification|findings|action taken|"
            "actions taken|follow up action*|reply content|response details|reply details|investigation&!visit*|"
            "satisf*|date|time|by|revisit|callback|call back",
            "handl*|action*|follow up&result*|detail*|taken|outcome|status|progress|record*|summary&!visit*|date|"
            "time|by",
            "=action|=actions|=follow up action|=handling",
        ],
        "visit_at": [f"visit*|revisit*|follow up|followup|call back|callback|feedback call&{ET}&!by"],
        "visit_result": [
            "visit*|revisit*|follow up|followup|call back|callback&result*|outcome|feedback|comment*|remark*|record*|"
            f"rating|satisf*|opinion|response|findings&{NOT_ET}|by|tel|phone|name|staff",
            "satisf*|rating|customer feedback|customer comment*|customer opinion|customer evaluation|"
            f"=return visit|=visit|=follow up|=callback&{NOT_ET}|by",
        ],
        # A close time; or a column saying only whether it is closed (Closed? Y/N, Case Status).
        "closed_at": [
            f"clos*|closure|finalis*|finaliz*|resolved|completed|completion|settled|concluded&{ET}&!by|reason*",
            "=closed|=case closed|=closure|=closed yn|=case closed yn|=is closed|=closure status|=case status",
        ],
        "remarks": [
            "remark|remarks|rmk|rmks|note|notes|comment|comments|memo|others|other info|observation*|additional info*",
        ],
    },
}

# A call log's other calls, in English (call logs headed in English: Caller, Taken By …).
ENGLISH[CALLS] = {
    "call_no": [f"call|log|record|ref|ticket&{NUMBER}&{NOT_ORDER_NUMBER}", "=ref|=reference"],
    "received_at": [f"receiv*|recd|call*|logged|log|received|visit*|time of call&{ET}&!by|repl*|close*",
                    "=received|=date|=time|=date time"],
    "caller": [f"caller*|called by|visitor|{CUSTOMER}|name&{NOT_CUSTOMER_NAME}|taken|received|staff|officer"],
    "phone": [f"{PHONE}&{NOT_PHONE}"],
    "location": [f"{PLACE}&{NOT_PLACE}"],
    "content": ["description|desc|details|detail|subject|content*|issue|matter|enquiry|inquiry|message|purpose&"
                "!result*|outcome|action*|type|category|by|date|time"],
    "taker": [f"taken by|received by|answered by|recorded by|logged by|call taker|operator|receptionist|"
              f"duty staff|staff on duty&{NOT_ET}"],
    "result": ["result|results|outcome|action taken|follow up|handling&!visit*|satisf*"],
    "remarks": ["remark|remarks|note|notes|comment|comments|memo"],
}

# A software export's order status, in English.
ENGLISH[WORK_ORDERS]["status"] = ["status|order status|job status|state&!payment|fee|visit|sign*"]
# Who issued the order. A bare "Received By" stays unmapped (it may be the return's signer: read
# as anyone's it would make proxy-signature findings); "Taken By" is engineering's (accepted_by).
ENGLISH[WORK_ORDERS]["issued_by"] = [
    f"issued by|dispatched by|despatched by|logged by|recorded by|registered by|answered by|created by|"
    f"call taker|order taker|issuer|dispatcher|despatcher&{NOT_ET}|eng|engg|engineering|finance|customer*|return*"]

for _kind, _targets in ENGLISH.items():
    for _target, _specs in _targets.items():
        ALIASES[_kind].setdefault(_target, []).extend(_specs)

# Headers whose text marks a register kind even when its field is shared.
KIND_WORDS = {WORK_ORDERS: ("维修", "报修", "工单", "派单", "派工", "完工", "work order", "repair", "dispatch", "despatch",
                           "technician", "job"),
              COMPLAINTS: ("投诉", "答复", "回复", "结案", "complain", "repl")}

# Headers that name a field only beside a column of that field: a bare 合计 after
# 材料费 | 人工费 is the fee's total (elsewhere it may count anything).
BESIDE: dict[str, dict[str, str]] = {WORK_ORDERS: {"合计": "fee", "总计": "fee", "total": "fee", "grand total": "fee",
                                                  "sum": "fee"}, COMPLAINTS: {}, CALLS: {}}

# A column may serve two fields when a site writes both in one cell (e.g. 延误/未完成原因).
SHARED_FIELDS = (frozenset({"delay_reason", "incomplete_reason"}),)
