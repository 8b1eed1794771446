"""``vnx_article``: reads headline, byline, date and body zones into ``doc._.vnx["layout"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import doc_text
from ..reader import read_article


class ArticleReader:
    def __call__(self, doc: Doc) -> Doc:
        doc._.vnx["layout"] = read_article(doc_text(doc))
        return doc


@Language.factory("vnx_article", assigns=["doc._.vnx"])
def make_article_reader(nlp: Language, name: str) -> ArticleReader:
    return ArticleReader()
