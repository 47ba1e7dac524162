"""The sections' presenters (:class:`~desktop_app.section_presenter.SectionPresenter`), one module per section."""
