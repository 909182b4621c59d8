from torget.inbox.sanitize import sanitize_html, text_to_html


def test_it_keeps_the_comment_fields_markup_and_drops_the_rest():
    html = sanitize_html(
        "<b>Hei</b> <script>alert(1)</script><img src=x onerror=y>"
        '<a href="javascript:alert(1)">x</a><a href="https://fjordby.example">lenke</a>'
    )
    assert "<b>Hei</b>" in html
    assert "script" not in html and "onerror" not in html and "javascript" not in html
    assert 'href="https://fjordby.example" rel="nofollow ugc noopener"' in html


def test_it_escapes_plain_text_and_keeps_its_paragraphs():
    assert text_to_html("a <b>\n\nc\nd") == "<p>a &lt;b&gt;</p><p>c<br>d</p>"
