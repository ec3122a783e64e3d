"""The desk's feedback form fed text from the whole of Unicode in every field: no crash, either saved
or every problem said in words beside its field, and nothing typed is lost."""

from hypothesis import HealthCheck, given, settings, strategies as st

TEXT = st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=30)
FIELD = st.one_of(TEXT, st.sampled_from(["13812345678", "京A12345", "RO1", "李明", ""]))


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(ro=FIELD, name=FIELD, phone=FIELD, plate=FIELD, comment=TEXT, grades=st.text("ABCDE ", min_size=3, max_size=3))
def test_any_typed_form_is_saved_or_every_problem_is_said_and_nothing_is_lost(qtbot, store, ops, admin, data_dir,
                                                                              ro, name, phone, plate, comment, grades):
    from app.services.drafts import DraftBox
    from app.ui.feedback.feedback_form_view import FeedbackFormView

    view = FeedbackFormView(store, ops, admin, DraftBox(data_dir))
    qtbot.addWidget(view)
    view.repair_order.setText(ro)
    view.customer_name.setText(name)
    view.phone.setText(phone)
    view.plate.setText(plate)
    view.comment.setPlainText(comment)
    for item, g in zip(("timeliness", "repair_quality", "attitude"), grades):
        view.pickers[item].set_grade(None if g == " " else g)
    typed = view.values()
    saved = []
    view.form_saved.connect(saved.append)
    view.on_save_clicked()
    if saved:
        return  # stored; the form is cleared for the next one
    assert view.values() == typed  # nothing typed is lost
    marks = [err.text() for err in view.fields.errors.values() if not err.isHidden()]
    assert marks or view.result_text.text()  # a refusal always says why
    view.close()
