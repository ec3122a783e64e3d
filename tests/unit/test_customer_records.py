"""A customer's own records as a PDF: everything held about them, in their language, fonts embedded."""

from datetime import timedelta

from sqlalchemy import select

from app.foundation import clock
from app.foundation.translation import Words
from app.models import Customer
from app.reports import customer_records
from app.services.cases import complaints
from app.services.feedback import forms as feedback_forms
from app.services.people import users
from tests.pdftext import pdf_fonts, pdf_text
from tests.synchelp import new_case


def test_a_customer_gets_every_record_held_about_them(store, tmp_path):
    admin = users.create_first_admin(store, "admin", "管理员", "1234")
    ref = complaints.record_complaint(store, new_case(customer_name="李明", phone="13812345678", plate="京A12345",
                                                     customer_words="刹车异响"), admin.user_id)
    feedback_forms.enter_form(store, feedback_forms.FormEntry("RO7", clock.today() - timedelta(days=1), "李明",
                                                              "13812345678", "京A12345", "A", "B", "C",
                                                              comment="等太久"), admin)
    complaints.record_complaint(store, new_case(customer_name="王芳", phone="13900000001", plate="京B22222"),
                                admin.user_id)  # someone else: not in his PDF
    with store.session() as s:
        cid = s.scalar(select(Customer.id).where(Customer.name == "李明"))
    out = tmp_path / "records.pdf"
    customer_records.render(customer_records.gather(store, cid), out, Words("zh_CN"), "管理员")
    text = pdf_text(out)
    for expected in ("您在本店的记录", "13812345678", "京A12345", "RO7", "ABC", "等太久", ref.number, "刹车异响",
                     "新建", "打印人：管理员"):
        assert expected in text, expected
    assert "王芳" not in text and "13900000001" not in text
    assert "WenQuanYi" in pdf_fonts(out) and " yes yes " in pdf_fonts(out)  # embedded, a subset
