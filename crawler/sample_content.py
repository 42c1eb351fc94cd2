"""Articles of the bundled sample site: our own texts in the genre, as data.

The required facts of the Bắc Kạn Kinh tế - Kỹ thuật bloc, Kim Bảng and the Hà Nam
Kinh tế ngành bloc follow public reports; every sentence is written anew, and the
people's names, the other blocs and their figures are invented for the sample.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SampleArticle:
    site: str  # "portal" (template A) or "tdkt" (template B)
    slug: str
    title: str
    date: str  # dd/mm/yyyy as printed on the page
    time: str  # hh:mm, printed by template B only
    author: str
    teaser: str
    paragraphs: tuple[str, ...]
    caption: str | None = None
    caption_after: int = 1  # the picture sits after this many paragraphs
    emulation: bool = True

    @property
    def path(self) -> str:
        section = "portal/tin-thi-dua" if self.site == "portal" else "tdkt/tin-dia-phuong"
        return f"/{section}/{self.slug}.html"


KTKT_2020 = SampleArticle(
    site="portal",
    slug="khoi-ktkt-tong-ket-thi-dua-nam-2020",
    title="Khối thi đua Kinh tế - Kỹ thuật tổng kết công tác thi đua, khen thưởng năm 2020",
    date="11/01/2021", time="08:15", author="Hà Linh",
    teaser="Hội nghị đã bình xét các đơn vị dẫn đầu phong trào thi đua năm 2020 và bầu đơn vị "
           "trưởng, phó Khối năm 2021.",
    paragraphs=(
        "Chiều ngày 08/01, Khối thi đua Kinh tế - Kỹ thuật tổ chức hội nghị tổng kết phong trào "
        "thi đua và công tác khen thưởng năm 2020, triển khai nhiệm vụ năm 2021. Tham dự có đại "
        "diện Ban Thi đua - Khen thưởng tỉnh Bắc Kạn cùng lãnh đạo các sở, ban, ngành thành viên Khối.",
        "Bước vào năm 2020 với nhiều sự kiện chính trị lớn của tỉnh và của đất nước, các đơn vị "
        "trong Khối đã sớm ban hành kế hoạch, phát động thi đua ngay từ những ngày đầu năm, đăng "
        "ký danh hiệu thi đua và ký giao ước thi đua giữa các thành viên. Mỗi đơn vị lựa chọn "
        "nội dung thi đua gắn với nhiệm vụ chuyên môn, tránh hình thức, chạy theo thành tích. "
        "Với vai trò đơn vị Trưởng Khối năm 2020, Sở Nông nghiệp và Phát triển nông thôn đã "
        "hướng dẫn, đôn đốc các thành viên chấm điểm thi đua đúng quy định. Đơn vị Phó Khối năm "
        "2020 là Sở Tài nguyên và Môi trường đã phối hợp tổ chức kiểm tra chéo giữa các thành viên.",
        "Nhờ triển khai đồng bộ các giải pháp, nhiều chỉ tiêu thuộc lĩnh vực Khối phụ trách đạt "
        "và vượt kế hoạch. Giá trị sản xuất công nghiệp ước đạt 1.334,251 tỷ đồng, tăng 5,40% so "
        "với năm 2019. GRDP khu vực dịch vụ ước đạt 3.831,602 tỷ đồng, tăng 2,49% so với năm "
        "2019. Các đơn vị cơ bản hoàn thành nhiệm vụ UBND tỉnh giao, góp phần vào kết quả phát "
        "triển kinh tế - xã hội chung của tỉnh.",
        "Căn cứ kết quả chấm điểm năm 2020, hội nghị thống nhất đề nghị UBND tỉnh tặng Cờ thi "
        "đua cho Sở Nông nghiệp và PTNT; đề nghị UBND tỉnh tặng Bằng khen cho các đơn vị: Sở Tài nguyên và Môi trường, Sở Công Thương, Sở Xây dựng.",
        "Cũng tại hội nghị, các đại biểu đã bầu Ban QLDA đầu tư xây dựng công trình giao thông "
        "làm trưởng Khối, Ban Quản lý Vườn Quốc gia Ba Bể làm phó trưởng Khối năm 2021./.",
    ),
    caption="Ông Hoàng Văn Thụ – Giám đốc Sở NN&PTNT, Trưởng Khối thi đua KTKT năm 2020 phát "
            "biểu khai mạc hội nghị",
    caption_after=1,
)

KTKT_PACT_2021 = SampleArticle(
    site="portal",
    slug="khoi-ktkt-ky-ket-giao-uoc-thi-dua-nam-2021",
    title="Khối thi đua Kinh tế - Kỹ thuật ký kết giao ước thi đua năm 2021",
    date="09/03/2021", time="10:40", author="Thu Trang",
    teaser="Các đơn vị thành viên Khối cam kết thi đua hoàn thành vượt mức nhiệm vụ năm 2021, "
           "năm đầu thực hiện nghị quyết đại hội Đảng bộ tỉnh.",
    paragraphs=(
        "Sáng ngày 05/3, tại Ban Quản lý Vườn Quốc gia Ba Bể, Khối thi đua Kinh tế - Kỹ thuật tỉnh "
        "Bắc Kạn tổ chức hội nghị triển khai nhiệm vụ và ký kết giao ước thi đua năm 2021.",
        "Ông Triệu Đức Lâm – Giám đốc Ban Quản lý dự án đầu tư xây dựng công trình giao thông, "
        "Trưởng Khối thi đua KTKT năm 2021 chủ trì hội nghị. Cùng dự có ông Lục Văn Hòa – Giám đốc "
        "Ban Quản lý Vườn Quốc gia Ba Bể, Phó trưởng Khối thi đua KTKT năm 2021 và đại diện các "
        "đơn vị thành viên.",
        "Năm 2021 là năm đầu tiên thực hiện nghị quyết đại hội Đảng bộ các cấp nhiệm kỳ 2020 - "
        "2025. Các đơn vị trong Khối thống nhất hưởng ứng phong trào thi đua “Đoàn kết, sáng tạo, "
        "thi đua hoàn thành thắng lợi nhiệm vụ năm 2021” và tập trung đẩy nhanh tiến độ giải "
        "ngân vốn đầu tư công, cải cách thủ tục hành chính.",
        "Giao ước thi đua gồm 5 nhóm nội dung, trong đó các đơn vị cam kết hoàn thành 100% chỉ "
        "tiêu, nhiệm vụ được giao, không có cán bộ, công chức vi phạm kỷ luật, thực hiện tốt công "
        "tác phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến.",
        "Kết thúc hội nghị, lãnh đạo các đơn vị thành viên đã ký kết giao ước thi đua năm 2021 "
        "dưới sự chứng kiến của đại diện Ban Thi đua - Khen thưởng tỉnh./.",
    ),
    caption="Lãnh đạo các đơn vị trong Khối thi đua Kinh tế - Kỹ thuật ký giao ước thi đua năm 2021",
    caption_after=2,
)

CUM_HUYEN_2020 = SampleArticle(
    site="portal",
    slug="cum-thi-dua-cac-huyen-thanh-pho-so-ket-6-thang-dau-nam-2020",
    title="Cụm thi đua các huyện, thành phố tỉnh Bắc Kạn sơ kết công tác thi đua, khen thưởng 6 "
          "tháng đầu năm 2020",
    date="06/08/2020", time="14:05", author="Minh Thư",
    teaser="Dù chịu tác động của dịch Covid-19, các địa phương trong Cụm vẫn duy trì nhiều phong "
           "trào thi đua thiết thực.",
    paragraphs=(
        "Sáng 29/7/2020, tại huyện Chợ Đồn, Cụm thi đua các huyện, thành phố tỉnh Bắc Kạn họp sơ "
        "kết công tác thi đua, khen thưởng 6 tháng đầu năm 2020 và bàn giải pháp cho những tháng "
        "cuối năm.",
        "Sáu tháng qua, các địa phương gặp không ít khó khăn do thời tiết bất lợi và dịch "
        "Covid-19. Dù vậy, các huyện, thành phố vẫn duy trì các phong trào thi đua với nhiều cách "
        "làm phù hợp, tiêu biểu là các phong trào “Bắc Kạn chung sức xây dựng nông thôn mới”, “Cả "
        "nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau” và “Cán bộ, công chức, "
        "viên chức thi đua thực hiện văn hóa công sở”.",
        "Kết quả nổi bật trong 6 tháng đầu năm là toàn Cụm thành lập mới 26 hợp tác xã; công tác "
        "tuyển quân ở tất cả các địa phương đạt 100% chỉ tiêu được giao; nhiều huyện có tiến độ "
        "trồng rừng và thu ngân sách khá.",
        "Trong những tháng cuối năm, các địa phương thống nhất tiếp tục thực hiện Chỉ thị số "
        "34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới công tác thi đua, khen "
        "thưởng; quan tâm phát hiện, bồi dưỡng các nhân tố mới, điển hình tiên tiến ở cơ sở./.",
    ),
    caption="Quang cảnh hội nghị sơ kết tại huyện Chợ Đồn",
)

VHXH_2022 = SampleArticle(
    site="portal",
    slug="khoi-thi-dua-van-hoa-xa-hoi-tong-ket-nam-2022",
    title="Khối thi đua Văn hóa - Xã hội tổng kết công tác thi đua, khen thưởng năm 2022",
    date="13/01/2023", time="16:30", author="Ngọc Ánh",
    teaser="Năm 2022, cả 07 đơn vị trong Khối đều hoàn thành xuất sắc nhiệm vụ; Sở Văn hóa, Thể "
           "thao và Du lịch được bầu làm trưởng Khối năm 2023.",
    paragraphs=(
        "Chiều ngày 10/01, tại Sở Y tế, Khối thi đua Văn hóa - Xã hội tỉnh Bắc Kạn tổ chức hội nghị tổng kết "
        "công tác thi đua, khen thưởng năm 2022. Bà Ma Thị Hằng – Giám đốc Sở Y tế, Trưởng Khối "
        "thi đua VHXH năm 2022 chủ trì hội nghị.",
        "Trong năm, các đơn vị trong Khối đã cụ thể hóa phong trào thi đua “Chung sức phòng, "
        "chống dịch Covid-19” bằng những việc làm thiết thực. Tỷ lệ người dân tham gia bảo hiểm "
        "y tế đạt 98,5%; toàn tỉnh có 86 trường học đạt chuẩn quốc gia, tăng 9 trường so với năm "
        "2021.",
        "Khối có 07 đơn vị, cả 07 đơn vị được đánh giá hoàn thành xuất sắc nhiệm vụ năm 2022. Hội "
        "nghị thống nhất đề nghị UBND tỉnh tặng Cờ thi đua cho Sở Giáo dục và Đào tạo; đề nghị "
        "UBND tỉnh tặng Bằng khen cho các đơn vị: Sở Lao động - Thương binh và Xã hội, Đài Phát "
        "thanh và Truyền hình tỉnh.",
        "Hội nghị đã bầu Sở Văn hóa, Thể thao và Du lịch làm trưởng Khối, Sở Giáo dục và Đào tạo "
        "làm phó trưởng Khối năm 2023./.",
    ),
    caption="Bà Ma Thị Hằng – Giám đốc Sở Y tế, Trưởng Khối thi đua VHXH năm 2022 phát biểu",
)

TNMT_LABOUR_ORDER = SampleArticle(
    site="portal",
    slug="so-tai-nguyen-va-moi-truong-don-nhan-huan-chuong-lao-dong-hang-ba",
    title="Sở Tài nguyên và Môi trường đón nhận Huân chương Lao động hạng Ba",
    date="28/11/2022", time="09:10", author="Quang Huy",
    teaser="Nhân dịp kỷ niệm 30 năm thành lập ngành, Sở Tài nguyên và Môi trường vinh dự đón "
           "nhận phần thưởng cao quý của Chủ tịch nước.",
    paragraphs=(
        "Sáng 25/11, Sở Tài nguyên và Môi trường tỉnh Bắc Kạn tổ chức lễ kỷ niệm 30 năm ngày thành lập ngành "
        "tài nguyên và môi trường tỉnh và đón nhận Huân chương Lao động hạng Ba.",
        "Thừa ủy quyền của Chủ tịch nước, ông Lưu Văn Phúc – Phó Chủ tịch UBND tỉnh trao Huân "
        "chương Lao động hạng Ba theo Quyết định số 1123/QĐ-CTN ngày 14/10/2022 của Chủ tịch nước "
        "cho Sở Tài nguyên và Môi trường vì đã có thành tích xuất sắc trong công tác từ năm 2017 "
        "đến năm 2021.",
        "Dịp này, Thủ tướng Chính phủ tặng Bằng khen cho 02 tập thể và 03 cá nhân thuộc Sở; UBND "
        "tỉnh tặng Bằng khen cho 05 tập thể, 12 cá nhân có thành tích tiêu biểu.",
        "Phát biểu tại buổi lễ, Phó Chủ tịch UBND tỉnh đề nghị ngành tiếp tục đẩy mạnh chuyển đổi "
        "số trong quản lý đất đai, hoàn thành hồ sơ địa chính cho 100% số xã trong năm 2023./.",
    ),
    caption="Ông Lưu Văn Phúc – Phó Chủ tịch UBND tỉnh trao Huân chương Lao động hạng Ba cho Sở "
            "Tài nguyên và Môi trường",
)

WEATHER = SampleArticle(
    site="portal",
    slug="bac-kan-nhiet-do-xuong-thap-vung-nui-cao-co-the-xuat-hien-bang-gia",
    title="Bắc Kạn: Nhiệt độ xuống thấp, vùng núi cao có thể xuất hiện băng giá",
    date="20/12/2022", time="07:45", author="Hải Yến",
    teaser="Đợt không khí lạnh mạnh khiến nhiệt độ tại nhiều nơi trong tỉnh xuống dưới 8 độ C.",
    paragraphs=(
        "Theo Đài Khí tượng Thủy văn tỉnh, từ đêm 19/12 không khí lạnh tăng cường làm nhiệt độ "
        "trên địa bàn giảm mạnh. Nhiệt độ thấp nhất tại thành phố Bắc Kạn khoảng 7 - 9 độ C, vùng "
        "núi cao của huyện Pác Nặm và Ngân Sơn có nơi dưới 5 độ C.",
        "Cơ quan khí tượng cảnh báo rét đậm, rét hại có thể kéo dài nhiều ngày, vùng núi cao có "
        "khả năng xuất hiện băng giá và sương muối, ảnh hưởng đến cây trồng và vật nuôi.",
        "Ngành nông nghiệp khuyến cáo người dân che chắn chuồng trại, dự trữ thức ăn cho gia "
        "súc, không thả rông trâu, bò lên núi cao trong những ngày giá rét./.",
    ),
    caption="Sương mù bao phủ thành phố Bắc Kạn sáng 20/12",
    emulation=False,
)

BA_BE_TOURISM = SampleArticle(
    site="portal",
    slug="ho-ba-be-don-hang-nghin-luot-khach-dip-nghi-le",
    title="Hồ Ba Bể đón hàng nghìn lượt khách dịp nghỉ lễ",
    date="02/05/2023", time="18:20", author="Bảo Ngọc",
    teaser="Trong 5 ngày nghỉ lễ, Vườn Quốc gia Ba Bể và các điểm du lịch cộng đồng quanh hồ luôn "
           "đông khách.",
    paragraphs=(
        "Trong kỳ nghỉ lễ 30/4 - 1/5, khu du lịch hồ Ba Bể đón khoảng 12.000 lượt khách, trong "
        "đó có hơn 500 lượt khách quốc tế. Các homestay ở thôn Pác Ngòi, Bó Lù gần như kín phòng.",
        "Bên cạnh đi thuyền trên hồ, nhiều du khách lựa chọn trải nghiệm đạp xe quanh các bản "
        "làng, thưởng thức ẩm thực của đồng bào Tày và tham gia hát then, đàn tính.",
        "Ban Quản lý Vườn Quốc gia Ba Bể đã bố trí lực lượng hướng dẫn, bảo đảm an toàn cho du "
        "khách trên mặt hồ và tại các điểm tham quan./.",
    ),
    caption="Du khách đi thuyền trên hồ Ba Bể",
    emulation=False,
)

KTKT_2023 = SampleArticle(
    site="tdkt",
    slug="khoi-thi-dua-kinh-te-ky-thuat-bac-kan-so-ket-6-thang-dau-nam-2023",
    title="Khối thi đua Kinh tế – Kỹ thuật tỉnh Bắc Kạn sơ kết công tác thi đua, khen thưởng 6 "
          "tháng đầu năm 2023",
    date="10/07/2023", time="15:20", author="Hoàng Mai",
    teaser="Các đơn vị trong Khối thống nhất phương hướng thi đua 6 tháng cuối năm 2023.",
    paragraphs=(
        "Ngày 6/7/2023, Khối thi đua Kinh tế – Kỹ thuật họp sơ kết công tác thi đua, khen thưởng "
        "6 tháng đầu năm 2023 tại hội trường Ban Quản lý dự án đầu tư xây dựng công trình nông "
        "nghiệp và phát triển nông thôn tỉnh. Bà Nguyễn Thị Lan – Giám đốc Sở Xây "
        "dựng (đơn vị Trưởng khối) và ông Phạm Văn Tùng – Giám đốc Ban Quản lý dự án đầu tư xây "
        "dựng công trình nông nghiệp và phát triển nông thôn (đơn vị Phó Trưởng khối) đồng chủ "
        "trì hội nghị.",
        "Khối thi đua Kinh tế – Kỹ thuật (KT-KT) có 11 đơn vị gồm: Sở Xây dựng (Trưởng khối), Ban "
        "QLDA đầu tư xây dựng công trình NN&PTNT (Phó Trưởng khối), Sở Nông nghiệp và Phát triển "
        "nông thôn, Sở Công Thương, Sở Tài nguyên và Môi trường, Sở Giao thông vận tải, Ban Quản "
        "lý dự án đầu tư xây dựng công trình giao thông, Ban Quản lý dự án đầu tư xây dựng tỉnh, "
        "Ban Quản lý các khu công nghiệp, Quỹ Phát triển đất, rừng và Bảo vệ môi trường, Ban Quản "
        "lý Vườn Quốc gia Ba Bể.",
        "Triển khai Kế hoạch số 21/KH-UBND ngày 16/01/2023 của UBND tỉnh, ngày 14/3/2023 Khối ban "
        "hành Văn bản số 409/TĐKT-KTKT phát động thi đua năm 2023; 100% đơn vị thành viên đã "
        "đăng ký danh hiệu thi đua và ký giao ước thi đua.",
        "Báo cáo tại hội nghị cho thấy các phong trào thi đua được gắn chặt với nhiệm vụ chuyên "
        "môn của từng cơ quan, góp phần đẩy nhanh tiến độ các dự án đầu tư công và cải cách hành "
        "chính.",
        "Trong 6 tháng cuối năm 2023, các đơn vị tiếp tục đổi mới nội dung, hình thức thi đua, "
        "nâng cao chất lượng công tác khen thưởng và làm tốt việc nhân rộng điển hình tiên "
        "tiến./.",
    ),
    caption="Bà Nguyễn Thị Lan – Giám đốc Sở Xây dựng, Trưởng Khối thi đua KT-KT phát biểu",
    caption_after=2,
)

KTKT_INSPECTION_2021 = SampleArticle(
    site="tdkt",
    slug="khoi-ktkt-kiem-tra-cheo-cong-tac-thi-dua-tai-vuon-quoc-gia-ba-be",
    title="Khối thi đua Kinh tế - Kỹ thuật kiểm tra chéo công tác thi đua tại Vườn Quốc gia Ba Bể",
    date="18/11/2021", time="09:45", author="Nguyễn Hương",
    teaser="Đoàn kiểm tra chéo của Khối đánh giá cao công tác bảo vệ rừng và phát triển du lịch "
           "sinh thái của Vườn Quốc gia Ba Bể.",
    paragraphs=(
        "Ngày 16/11, đoàn kiểm tra chéo của Khối thi đua Kinh tế - Kỹ thuật tỉnh Bắc Kạn đã làm "
        "việc tại Ban Quản lý Vườn Quốc gia Ba Bể. Đoàn do Sở Giao thông vận tải, đơn vị Trưởng "
        "khối năm 2021 làm trưởng đoàn.",
        "Báo cáo với đoàn, lãnh đạo Vườn Quốc gia cho biết năm 2021 đơn vị đã tổ chức hơn 300 "
        "lượt tuần tra bảo vệ rừng, không để xảy ra cháy rừng; phối hợp với huyện Ba Bể đón khách "
        "du lịch an toàn trong điều kiện phòng, chống dịch.",
        "Đoàn đã kiểm tra hồ sơ, chấm điểm các tiêu chí thi đua theo hướng dẫn của Ban Thi đua - "
        "Khen thưởng tỉnh, đánh giá đơn vị thực hiện đầy đủ các nội dung giao ước thi đua năm "
        "2021./.",
    ),
    caption="Đoàn kiểm tra chéo làm việc tại Ban Quản lý Vườn Quốc gia Ba Bể",
)

KIM_BANG_2020 = SampleArticle(
    site="tdkt",
    slug="kim-bang-tong-ket-cong-tac-thi-dua-khen-thuong-nam-2020",
    title="Kim Bảng tổng kết công tác thi đua, khen thưởng năm 2020",
    date="13/01/2021", time="16:05", author="Đài Kim Bảng",
    teaser="Huyện Kim Bảng hoàn thành vượt mức nhiều chỉ tiêu năm 2020 và vinh dự được phong tặng "
           "danh hiệu Anh hùng Lao động.",
    paragraphs=(
        "Sáng 12/1, UBND huyện Kim Bảng (tỉnh Hà Nam) tổ chức hội nghị tổng kết công tác thi đua, "
        "khen thưởng năm 2020 và phát động phong trào thi đua năm 2021.",
        "Năm 2020, huyện hoàn thành 157 nhiệm vụ được tỉnh giao, kinh tế tiếp tục tăng trưởng "
        "khá. Tổng thu ngân sách đạt 1.386 tỷ đồng, đạt 235% dự toán tỉnh giao; giá trị sản xuất "
        "công nghiệp - tiểu thủ công nghiệp của huyện tăng 22% so với năm 2019. Tất cả cơ quan, đơn vị "
        "trực thuộc huyện được đánh giá hoàn thành tốt nhiệm vụ trở lên.",
        "Đặc biệt, Đảng bộ, chính quyền và nhân dân huyện Kim Bảng vinh dự được Chủ tịch nước "
        "phong tặng danh hiệu Anh hùng Lao động trong thời kỳ đổi mới theo Quyết định số "
        "2015/QĐ-CTN ngày 13/11/2020.",
        "Hội nghị đã công bố các đơn vị trưởng khối, phó trưởng khối thi đua của huyện năm 2021 "
        "và tổ chức cho các khối ký giao ước thi đua. Nhiều tập thể, cá "
        "nhân được nhận Cờ thi đua, Bằng khen của UBND tỉnh./.",
    ),
    caption="Đại diện các khối thi đua của huyện ký kết giao ước thi đua năm 2021",
    caption_after=3,
)

KINH_TE_NGANH_2019 = SampleArticle(
    site="tdkt",
    slug="khoi-thi-dua-kinh-te-nganh-tong-ket-nam-2019",
    title="Khối thi đua Kinh tế ngành tỉnh Hà Nam tổng kết năm 2019, triển khai nhiệm vụ năm 2020",
    date="12/12/2019", time="10:30", author="Văn Phúc",
    teaser="Hội nghị đã suy tôn các danh hiệu thi đua năm 2019 và đề cử trưởng, phó Khối năm 2020.",
    paragraphs=(
        "Sáng ngày 11/12/2019, các sở, ngành thuộc Khối thi đua Kinh tế ngành (KTĐKTN) tỉnh Hà "
        "Nam họp tổng kết công tác thi đua, khen thưởng năm 2019 và bàn nhiệm vụ năm 2020. Ông Trần "
        "Quốc Bảo – Giám đốc Sở Giao thông vận tải, Trưởng KTĐKTN năm 2019 chủ trì; ông Lê Minh "
        "Đức – Giám đốc Sở Công Thương, Phó trưởng KTĐKTN năm 2019 cùng dự.",
        "Đến hết năm 2019, 98/98 xã của tỉnh đạt chuẩn nông thôn mới. Giá trị sản xuất công "
        "nghiệp toàn tỉnh ước đạt 108.500 tỷ đồng, tăng 16,3% so với năm 2018; các khu "
        "công nghiệp thu hút thêm 54 dự án.",
        "Tại hội nghị, 07 đơn vị được công nhận hoàn thành xuất sắc nhiệm vụ. Các đơn vị bỏ phiếu "
        "suy tôn 01 đơn vị đề nghị tặng Cờ thi đua của Chính phủ, 01 đơn vị đề nghị tặng Cờ thi "
        "đua của UBND tỉnh.",
        "Hội nghị đã thống nhất đề cử Sở Công Thương làm Trưởng khối và Sở Nông nghiệp và Phát "
        "triển nông thôn làm Phó trưởng khối năm 2020./.",
    ),
    caption="Ông Trần Quốc Bảo – Giám đốc Sở Giao thông vận tải, Trưởng KTĐKTN năm 2019 phát biểu",
)

CUM_HA_NAM_2022 = SampleArticle(
    site="tdkt",
    slug="cum-thi-dua-cac-huyen-thi-xa-thanh-pho-ha-nam-ky-ket-giao-uoc-2022",
    title="Cụm thi đua các huyện, thị xã, thành phố tỉnh Hà Nam ký kết giao ước thi đua năm 2022",
    date="15/03/2022", time="11:00", author="Thanh Hà",
    teaser="Sáu địa phương trong Cụm cam kết thi đua xây dựng nông thôn mới nâng cao, kiểu mẫu.",
    paragraphs=(
        "Chiều 14/3, tại huyện Thanh Liêm, Cụm thi đua các huyện, thị xã, thành phố tỉnh Hà Nam "
        "tổ chức hội nghị ký kết giao ước thi đua năm 2022. Ông Nguyễn Đình Khang – Chủ tịch UBND "
        "huyện Thanh Liêm, Trưởng Cụm thi đua năm 2022 chủ trì hội nghị.",
        "Cụm có 06 đơn vị gồm UBND các huyện Thanh Liêm, Lý Nhân, Bình Lục, Kim Bảng, thị xã Duy "
        "Tiên và thành phố Phủ Lý; UBND huyện Lý Nhân là đơn vị Phó trưởng Cụm năm 2022.",
        "Các địa phương thống nhất đẩy mạnh phong trào thi đua “Hà Nam chung sức xây dựng nông "
        "thôn mới nâng cao, kiểu mẫu”, phấn đấu thu ngân sách vượt dự toán và giải ngân 100% vốn "
        "đầu tư công được giao.",
        "Dịp này, UBND tỉnh trao Cờ thi đua năm 2021 cho UBND huyện Kim Bảng, đơn vị dẫn đầu "
        "Cụm./.",
    ),
    caption="Các đơn vị trong Cụm thi đua ký kết giao ước thi đua năm 2022",
)

GTVT_FLAG = SampleArticle(
    site="tdkt",
    slug="so-giao-thong-van-tai-ha-nam-don-nhan-co-thi-dua-cua-chinh-phu",
    title="Sở Giao thông vận tải Hà Nam đón nhận Cờ thi đua của Chính phủ",
    date="20/04/2021", time="14:50", author="Văn Phúc",
    teaser="Sở Giao thông vận tải là đơn vị dẫn đầu phong trào thi đua Khối Kinh tế ngành năm "
           "2020.",
    paragraphs=(
        "Chiều 19/4, Sở Giao thông vận tải tỉnh Hà Nam tổ chức lễ đón nhận Cờ thi đua của Chính "
        "phủ theo Quyết định số 456/QĐ-TTg ngày 05/4/2021 của Thủ tướng Chính phủ.",
        "Năm 2020, Sở đã hoàn thành đưa vào sử dụng 4 công trình giao thông trọng điểm, giải ngân "
        "đạt 98,2% kế hoạch vốn, tai nạn giao thông giảm cả ba tiêu chí so với năm 2019.",
        "Phát biểu tại buổi lễ, lãnh đạo UBND tỉnh ghi nhận những đóng góp của tập thể cán bộ, "
        "công chức, người lao động của Sở và đề nghị ngành tiếp tục tập trung hoàn thành các dự "
        "án giao thông kết nối vùng, nâng cao chất lượng dịch vụ vận tải.",
        "Cũng tại buổi lễ, 02 tập thể được nhận danh hiệu Tập thể lao động xuất sắc, 05 cá nhân "
        "đạt danh hiệu Chiến sĩ thi đua cấp tỉnh./.",
    ),
    caption="Lãnh đạo UBND tỉnh trao Cờ thi đua của Chính phủ cho Sở Giao thông vận tải",
)

ARTICLES: tuple[SampleArticle, ...] = (
    KTKT_2020, KTKT_PACT_2021, CUM_HUYEN_2020, VHXH_2022, TNMT_LABOUR_ORDER, WEATHER,
    BA_BE_TOURISM, KTKT_2023, KTKT_INSPECTION_2021, KIM_BANG_2020, KINH_TE_NGANH_2019,
    CUM_HA_NAM_2022, GTVT_FLAG,
)
