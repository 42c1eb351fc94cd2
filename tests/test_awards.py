"""Awards recognizer: sentences written for these tests, plus the seeds and dev gold of ../shared."""
from __future__ import annotations

from datetime import date


from thidua.extract.document import Doc
from thidua.extract.recognizers import awards



def run(body: str, title: str | None = None, published: date | None = date(2021, 1, 10)) -> list[dict]:
    return awards.extract(Doc(body=body, title=title, published=published))


def brief(items: list[dict]) -> list[tuple]:
    return [(a["type"], a["recipient"], a["recipient_count"], a["recipient_kind"], a["status"]) for a in items]


def test_counts_split_by_recipient_kind_with_giver_in_label():
    items = run("Tại hội nghị, Phó Chủ tịch UBND tỉnh trao Bằng khen của Thủ tướng Chính phủ cho 3 tập thể "
                "và 5 cá nhân có thành tích xuất sắc năm 2020.")
    assert brief(items) == [("pm_certificate_of_merit", None, 3, "collective", "conferred"),
                            ("pm_certificate_of_merit", None, 5, "individual", "conferred")]
    assert items[0]["conferrer"] == "Thủ tướng Chính phủ"
    assert items[0]["year"] == 2020
    assert items[0]["label"] == "Bằng khen của Thủ tướng Chính phủ"


def test_giver_before_award_in_each_clause():
    items = run("Dịp này, Bộ trưởng Bộ Y tế tặng bằng khen cho 4 tập thể; UBND tỉnh tặng cờ thi đua cho "
                "2 tập thể; Giám đốc Công an tỉnh tặng giấy khen cho 6 tập thể, cá nhân.")
    assert [(a["type"], a["conferrer"], a["recipient_count"], a["recipient_kind"]) for a in items] == [
        ("ministry_certificate_of_merit", "Bộ Y tế", 4, "collective"),
        ("provincial_emulation_flag", "UBND tỉnh", 2, "collective"),
        ("certificate_of_commendation", "Công an tỉnh", 6, None),
    ]


def test_named_recipients_one_award_each_and_abbreviations_expanded():
    items = run("Hội nghị thống nhất đề nghị UBND tỉnh tặng Bằng khen cho các đơn vị: Sở NN&PTNT, "
                "Sở Tài chính và Sở Xây dựng.")
    assert [a["recipient"] for a in items] == [
        "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài chính", "Sở Xây dựng"]
    assert {a["status"] for a in items} == {"proposed"}
    assert {a["type"] for a in items} == {"provincial_certificate_of_merit"}


def test_vote_then_proposal_in_one_clause_is_voted_next_clause_proposed():
    items = run("Các đơn vị đã bỏ phiếu bầu ra các đơn vị đề nghị UBND tỉnh tặng Cờ thi đua gồm: "
                "huyện Tân Yên, huyện Lục Nam; đề nghị tặng Bằng khen cho huyện Sơn Động.")
    assert brief(items) == [
        ("provincial_emulation_flag", "huyện Tân Yên", None, "collective", "voted"),
        ("provincial_emulation_flag", "huyện Lục Nam", None, "collective", "voted"),
        ("provincial_certificate_of_merit", "huyện Sơn Động", None, "collective", "proposed"),
    ]


def test_weak_conferred_verb_after_a_vote_stays_voted():
    items = run("Các đơn vị bỏ phiếu suy tôn, trong đó bầu 02 đơn vị được tặng Cờ thi đua của Chính phủ; "
                "03 đơn vị được nhận Bằng khen của UBND tỉnh.")
    assert brief(items) == [("government_emulation_flag", None, 2, "collective", "voted"),
                            ("provincial_certificate_of_merit", None, 3, "collective", "voted")]


def test_bulleted_list_gives_one_award_per_unit():
    body = ("Danh sách đề nghị khen thưởng như sau:\n\n"
            "1. Đề nghị tặng Huân chương Lao động hạng Nhì: 02 tập thể\n\n"
            "- Sở Y tế tỉnh Hòa Bình;\n\n- Trường Trung học phổ thông Lạc Sơn, huyện Lạc Sơn, tỉnh Hòa Bình.\n\n"
            "2. Đề nghị tặng Huân chương Độc lập hạng Ba: 01 tập thể\n\n- Nhân dân và cán bộ huyện Mai Châu.")
    items = run(body)
    assert brief(items) == [
        ("labour_order", "Sở Y tế tỉnh Hòa Bình", None, "collective", "proposed"),
        ("labour_order", "Trường Trung học phổ thông Lạc Sơn", None, "collective", "proposed"),
        ("order_other", "Nhân dân và cán bộ huyện Mai Châu", None, "collective", "proposed"),
    ]
    assert items[0]["label"] == "Huân chương Lao động hạng Nhì"


def test_rating_only_as_a_title_not_in_prose():
    items = run("Kết quả xếp loại năm 2022: có 9 đơn vị được xếp loại hoàn thành xuất sắc nhiệm vụ, "
                "2 đơn vị hoàn thành tốt nhiệm vụ.")
    assert brief(items) == [("rating_excellent", None, 9, "collective", "conferred"),
                            ("rating_good", None, 2, "collective", "conferred")]
    assert run("Năm 2022, các đơn vị đã nỗ lực và được tặng thưởng nhiều phần thưởng, 100% đơn vị "
               "hoàn thành tốt nhiệm vụ trở lên, hoàn thành xuất sắc nhiệm vụ được giao.") == []


def test_hero_with_decision_and_no_assumed_year():
    items = run("Ngày 10/10/2020, Chủ tịch nước đã ký Quyết định số 1234 QĐ-CTN về việc phong tặng danh hiệu "
                "Anh hùng Lao động cho Đảng bộ, chính quyền và nhân dân xã Tân Lập, đã có thành tích "
                "đặc biệt xuất sắc.", title="Tổng kết năm 2020")
    assert brief(items) == [("hero", "Đảng bộ, chính quyền và nhân dân xã Tân Lập", None, "collective",
                             "conferred")]
    assert items[0]["decision"] == "1234/QĐ-CTN"
    assert items[0]["conferrer"] == "Chủ tịch nước"
    assert items[0]["year"] is None


def test_person_title_is_not_an_award():
    items = run("Về dự có Anh hùng Lao động Trần Văn Bình; tại lễ, UBND tỉnh trao Cờ thi đua cho huyện Ba Vì.")
    assert brief(items) == [("provincial_emulation_flag", "huyện Ba Vì", None, "collective", "conferred")]


def test_people_recipients_by_honorific():
    items = run("Chủ tịch UBND tỉnh tặng Bằng khen cho ông Nguyễn Văn An, Giám đốc Sở Xây dựng và "
                "bà Lê Thị Hoa, Phó Giám đốc Sở Y tế.")
    assert [(a["recipient"], a["recipient_kind"]) for a in items] == [
        ("Nguyễn Văn An", "individual"), ("Lê Thị Hoa", "individual")]


def test_subject_recipients_before_a_passive_verb():
    items = run("Huyện Chợ Mới, huyện Bạch Thông được UBND tỉnh tặng Bằng khen năm 2021.")
    assert [a["recipient"] for a in items] == ["huyện Chợ Mới", "huyện Bạch Thông"]
    assert items[0]["type"] == "provincial_certificate_of_merit"


def test_aims_and_rules_are_not_awards():
    assert run("Các đơn vị phấn đấu đạt Cờ thi đua của Chính phủ trong năm 2023. Để được xét tặng "
               "Bằng khen, các tập thể phải đáp ứng tiêu chuẩn theo quy định.") == []


def test_closing_repetition_adds_nothing_but_a_new_level_does():
    body = ("Hội đồng đã bỏ phiếu thông qua đề nghị tặng Cờ thi đua của UBND tỉnh cho 12 đơn vị; danh hiệu "
            "Chiến sĩ thi đua toàn quốc cho 01 cá nhân; danh hiệu Chiến sĩ thi đua cấp tỉnh.\n"
            "Chủ tịch UBND tỉnh giao Sở Nội vụ trình ban hành quyết định tặng Cờ thi đua của tỉnh và danh "
            "hiệu Chiến sĩ thi đua toàn quốc cho các tập thể, cá nhân.")
    items = run(body)
    assert brief(items) == [("provincial_emulation_flag", None, 12, "collective", "voted"),
                            ("emulation_fighter", None, 1, "individual", "voted"),
                            ("emulation_fighter", None, None, "individual", "voted")]


def test_ministry_cluster_places_become_the_sector_departments():
    items = run("Cụm thống nhất bỏ phiếu đề nghị Bộ Tư pháp tặng Cờ thi đua gồm Lào Cai, Yên Bái.")
    assert [a["recipient"] for a in items] == ["Sở Tư pháp tỉnh Lào Cai", "Sở Tư pháp tỉnh Yên Bái"]
    assert {a["type"] for a in items} == {"ministry_emulation_flag"}


def test_evidence_points_into_the_body():
    body = "Mở đầu bài.\nDịp này, UBND tỉnh tặng Cờ thi đua cho huyện Tân Yên."
    (item,) = run(body)
    ev = item["evidence"]
    assert body[ev["start"]:ev["end"]] == ev["text"] and "Cờ thi đua" in ev["text"]


def test_award_as_subject_of_a_passive_verb():
    items = run("Cờ thi đua của UBND tỉnh được trao cho 4 tập thể dẫn đầu các khối năm 2022.")
    assert brief(items) == [("provincial_emulation_flag", None, 4, "collective", "conferred")]
    assert run("“Cờ thi đua của Chính phủ” được xét tặng cho tập thể đạt các tiêu chuẩn sau: có thành tích.") == []


def test_enumeration_without_verb_takes_the_headline_cue():
    items = run("Ngoài ra còn có Cờ thi đua của UBND tỉnh: 31 tập thể; Chiến sĩ thi đua cấp tỉnh: 17 cá nhân.",
                title="25 tập thể được đề nghị tặng Cờ thi đua của Chính phủ")
    # the headline's own award, which the body does not repeat, is a fact of the article too
    assert brief(items) == [("provincial_emulation_flag", None, 31, "collective", "proposed"),
                            ("emulation_fighter", None, 17, "individual", "proposed"),
                            ("government_emulation_flag", None, 25, "collective", "proposed")]


def test_a_headline_that_sums_up_the_body_adds_nothing():
    items = run("Hội đồng bỏ phiếu đề nghị tặng Cờ thi đua của UBND tỉnh cho 40 đơn vị và Bằng khen cho 30 đơn vị.",
                title="70 đơn vị được đề nghị tặng cờ thi đua và bằng khen")
    assert [(a["label"], a["recipient_count"]) for a in items] == [("Cờ thi đua của UBND tỉnh", 40), ("Bằng khen", 30)]


def test_numbered_list_after_gom_with_reasons_after_semicolons():
    body = ("UBND tỉnh có Quyết định tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho 02 tập thể, đã có thành "
            "tích xuất sắc năm 2023, gồm:\n1. Phòng Tư pháp huyện Phước Sơn; đã dẫn đầu Khối 02;\n"
            "2. Hội Nông dân huyện Phước Sơn; đã dẫn đầu Khối 03.")
    items = run(body)
    assert [(a["recipient"], a["status"]) for a in items] == [
        ("Phòng Tư pháp huyện Phước Sơn", "conferred"), ("Hội Nông dân huyện Phước Sơn", "conferred")]


def test_thousands_in_counts_and_mixed_kinds():
    (item,) = run("Chủ tịch UBND huyện tặng Giấy khen cho 1.250 tập thể và cá nhân năm 2022.")
    assert (item["recipient_count"], item["recipient_kind"], item["conferrer"]) == (1250, None, "UBND huyện")


# --- the real seeds and dev passages of ../shared --------------------------------------------


def test_counts_before_the_verb_and_a_giver_between():
    items = run("Dịp này, 4 tập thể và 7 cá nhân được Chủ tịch UBND huyện tặng Giấy khen; 12 cá nhân được "
                "Chủ tịch UBND huyện tặng danh hiệu Chiến sĩ thi đua cơ sở.")
    assert brief(items) == [("certificate_of_commendation", None, 4, "collective", "conferred"),
                            ("certificate_of_commendation", None, 7, "individual", "conferred"),
                            ("emulation_fighter", None, 12, "individual", "conferred")]


def test_a_count_out_of_those_considered():
    items = run("Hội đồng đã bỏ phiếu đề nghị tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh” cho 15/17 cá nhân.")
    assert brief(items) == [("emulation_fighter", None, 15, "individual", "voted")]


def test_people_named_before_the_verb_receive():
    items = run("Theo đó, ông Hoàng Minh Đức - Giám đốc Sở Tài chính được trao tặng Huân chương Lao động hạng "
                "Nhì; các đồng chí Lý Thị Mai - Phó Chủ tịch UBND tỉnh và Vi Văn Sơn - Bí thư Huyện ủy Bình Gia "
                "được trao tặng Huân chương Lao động hạng Ba.")
    assert [(a["label"], a["recipient"], a["recipient_kind"]) for a in items] == [
        ("Huân chương Lao động hạng Nhì", "Hoàng Minh Đức", "individual"),
        ("Huân chương Lao động hạng Ba", "Lý Thị Mai", "individual"),
        ("Huân chương Lao động hạng Ba", "Vi Văn Sơn", "individual")]


def test_a_count_that_sums_up_the_named_recipients_is_not_another_award():
    items = run("Chủ tịch nước tặng Huân chương Lao động cho 2 cá nhân. Theo đó, ông Hoàng Minh Đức - Giám đốc Sở "
                "Tài chính và bà Lý Thị Mai - Phó Chủ tịch UBND tỉnh được trao tặng Huân chương Lao động hạng Ba.")
    assert [a["recipient"] for a in items] == ["Hoàng Minh Đức", "Lý Thị Mai"]


def test_titles_the_lexicon_names_with_a_flag_and_rankings_of_a_cluster():
    items = run("Hội nghị đã bình xét như sau: Nhất cụm: xã Tân Lập; Nhì cụm: xã Đồng Tâm. Hội đồng thống nhất "
                "đề nghị tặng Cờ “Đơn vị dẫn đầu phong trào thi đua” của UBND tỉnh cho 9 tập thể.")
    assert brief(items) == [("other", "xã Tân Lập", None, "collective", "voted"),
                            ("other", "xã Đồng Tâm", None, "collective", "voted"),
                            ("provincial_emulation_flag", None, 9, "collective", "proposed")]


def test_orders_of_different_classes_are_different_awards():
    items = run("Hội đồng bỏ phiếu đề nghị tặng: Huân chương Lao động hạng Nhất cho 1 tập thể; Huân chương Lao "
                "động hạng Nhì cho 1 tập thể; Huân chương Lao động các hạng cho 3 cá nhân.")
    assert [(a["label"], a["recipient_count"]) for a in items] == [
        ("Huân chương Lao động hạng Nhất", 1), ("Huân chương Lao động hạng Nhì", 1),
        ("Huân chương Lao động các hạng", 3)]


def test_a_vote_in_the_paragraph_before_carries_into_its_result():
    items = run("Các thành viên Hội đồng đã thảo luận và bỏ phiếu kín.\nKết quả, Hội đồng thống nhất đề nghị "
                "Thủ tướng Chính phủ tặng Bằng khen cho 6 tập thể. Chủ tịch UBND tỉnh tặng Bằng khen cho 20 tập thể.")
    assert brief(items) == [("pm_certificate_of_merit", None, 6, "collective", "voted"),
                            ("provincial_certificate_of_merit", None, 20, "collective", "voted")]


def test_a_ceremony_ends_the_vote_and_a_new_clause_has_its_own_proposal():
    items = run("Hội nghị đã bình xét thi đua và đề nghị tặng Cờ thi đua của UBND tỉnh cho Sở Tư pháp; đề nghị "
                "tặng Bằng khen cho 2 tập thể. Dịp này, 5 cá nhân được tặng Giấy khen.")
    assert [a["status"] for a in items] == ["voted", "proposed", "conferred"]


def test_more_counts_of_one_award_after_commas():
    items = run("Chủ tịch UBND tỉnh tặng Bằng khen cho 30 tập thể có thành tích xuất sắc trong năm học, 8 tập thể "
                "có thành tích xuất sắc 2 năm liên tiếp.")
    assert [a["recipient_count"] for a in items] == [30, 8]


def test_a_council_s_name_is_not_a_conferral():
    items = run("Đồng chí Nguyễn Văn Tám, Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh chủ trì phiên họp để xét "
                "chọn và đề nghị tặng Huân chương Lao động hạng Ba cho 2 tập thể.")
    assert [a["status"] for a in items] == ["proposed"]


def test_the_clauses_of_a_vote_s_result_are_that_vote():
    items = run("Các thành viên đã bỏ phiếu kín.\nTheo đó, Hội đồng thống nhất đề nghị tặng Cờ thi đua của Chính phủ "
                "cho 6 tập thể; đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 14 tập thể.")
    assert [a["status"] for a in items] == ["voted", "voted"]


def test_a_repeat_keeps_the_furthest_stage():
    items = run("Sở Nội vụ tổng hợp danh sách đề nghị tặng Cờ thi đua của UBND tỉnh cho 12 tập thể. Hội đồng đã bỏ "
                "phiếu kín, thống nhất thông qua Cờ thi đua của UBND tỉnh cho 12 tập thể.")
    assert brief(items) == [("provincial_emulation_flag", None, 12, "collective", "voted")]


def test_a_count_with_its_own_predicate_belongs_to_the_next_award():
    items = run("Giai đoạn 2020-2025, tỉnh tặng Cờ thi đua cho 410 tập thể, 2.350 đơn vị đạt Tập thể lao động xuất sắc.")
    assert [(a["label"], a["recipient_count"]) for a in items] == [("Cờ thi đua", 410),
                                                                    ("Tập thể lao động xuất sắc", 2350)]


def test_a_count_written_before_the_award():
    items = run("Trong 5 năm qua, Chủ tịch nước tặng 215 Huân chương các loại; 1.044 trường hợp được Thủ tướng Chính "
                "phủ tặng Bằng khen; toàn tỉnh có 8 Chiến sĩ thi đua toàn quốc.")
    assert [(a["type"], a["recipient_count"], a["recipient_kind"]) for a in items] == [
        ("order_other", 215, None), ("pm_certificate_of_merit", 1044, None), ("emulation_fighter", 8, "individual")]


def test_a_giver_in_its_abbreviation_and_an_order_s_giver():
    items = run("Hội nghị bỏ phiếu đề nghị tặng Cờ thi đua Bộ VHTT&DL cho 01 đơn vị; đề nghị Thủ tướng Chính phủ tặng "
                "Bằng khen cho 3 cá nhân, Huân chương Lao động hạng Ba cho 1 cá nhân.")
    assert [(a["type"], a["conferrer"], a["recipient_count"]) for a in items] == [
        ("ministry_emulation_flag", "Bộ Văn hóa, Thể thao và Du lịch", 1),
        ("pm_certificate_of_merit", "Thủ tướng Chính phủ", 3), ("labour_order", None, 1)]


def test_the_count_put_to_the_vote_gives_way_to_the_count_it_carried():
    items = run("Hội đồng nghe Sở Nội vụ trình danh sách đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho "
                "40 tập thể. Sau khi "
                "thảo luận, bỏ phiếu, Hội đồng thống nhất thông qua Bằng khen của Chủ tịch UBND tỉnh cho "
                "36 tập thể và 12 cá nhân.")
    assert brief(items) == [("provincial_certificate_of_merit", None, 36, "collective", "voted"),
                            ("provincial_certificate_of_merit", None, 12, "individual", "voted")]


def test_a_national_body_without_a_giver_is_not_given_a_provincial_flag():
    items = run("Cụm thi đua các hội quần chúng Trung ương bỏ phiếu suy tôn Hội Nhà văn Việt Nam nhận Cờ thi đua "
                "năm 2024.", published=date(2024, 12, 20))
    assert [(a["type"], a["recipient"]) for a in items] == [("other", "Hội Nhà văn Việt Nam")]
    local = run("Khối thi đua các sở tỉnh bỏ phiếu suy tôn Sở Tư pháp nhận Cờ thi đua năm 2024.",
                published=date(2024, 12, 20))
    assert [a["type"] for a in local] == ["provincial_emulation_flag"]


def test_an_aside_describing_the_recipient_is_not_part_of_its_name():
    items = run("Hội nghị thống nhất đề nghị tặng Bằng khen cho Hội Cựu chiến binh Việt Nam (đơn vị Khối phó "
                "năm 2024).")
    assert [a["recipient"] for a in items] == ["Hội Cựu chiến binh Việt Nam"]


def test_awards_of_a_five_year_tally_reward_no_single_year():
    items = run("Trong 5 năm qua (2019-2024), toàn huyện có 35 tập thể được tặng Bằng khen của Thủ tướng Chính phủ. "
                "Cùng thời gian, UBND tỉnh tặng Cờ thi đua cho 120 tập thể.", published=date(2024, 6, 5))
    assert [(a["type"], a["recipient_count"], a["year"]) for a in items] == [
        ("pm_certificate_of_merit", 35, None), ("provincial_emulation_flag", 120, None)]


def test_a_school_year_review_rewards_no_calendar_year():
    items = run("Hội đồng họp xét khen thưởng tổng kết năm học 2023-2024. Hội đồng thống nhất đề nghị Chủ tịch "
                "UBND tỉnh tặng Bằng khen cho 15 tập thể.", title="Xét khen thưởng tổng kết năm học 2023-2024",
                published=date(2024, 8, 20))
    assert [(a["recipient_count"], a["year"]) for a in items] == [(15, None)]
    yearly = run("Hội đồng họp xét khen thưởng tổng kết năm 2023. Hội đồng thống nhất đề nghị Chủ tịch UBND tỉnh "
                 "tặng Bằng khen cho 15 tập thể.", published=date(2024, 1, 20))
    assert [a["year"] for a in yearly] == [2023]


def test_an_organisations_cluster_proposes_its_own_flags():
    items = run("Hội nghị bình xét, suy tôn các đơn vị đề nghị Hội Nông dân tỉnh tặng cờ thi đua và bằng khen. "
                "Kết thúc hội nghị, các đơn vị thống nhất đề nghị tặng cờ thi đua cho Hội Nông dân huyện Ba Tơ "
                "và bằng khen cho Hội Nông dân huyện Sơn Hà.", published=date(2023, 12, 15))
    named = [(a["type"], a["conferrer"], a["recipient"], a["status"]) for a in items if a["recipient"]]
    # "thống nhất đề nghị" with no vote word is a proposal (RECORD.md)
    assert named == [("other", "Hội Nông dân tỉnh", "Hội Nông dân huyện Ba Tơ", "proposed"),
                     ("other", "Hội Nông dân tỉnh", "Hội Nông dân huyện Sơn Hà", "proposed")]
