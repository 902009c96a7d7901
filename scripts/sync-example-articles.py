#!/usr/bin/env python3
"""Copies each example program (Examples/SDKExamples/*.swift) into the DocC article that lists it
(the article naming `Examples/SDKExamples/<Name>.swift`), replacing its ```swift listing.
ExampleArticleTests fails until this is run after an example changes."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
catalog = root / "Sources/TaskSequenceSDK/TaskSequenceSDK.docc"
for article in sorted(catalog.glob("*.md")):
    text = article.read_text()
    named = re.search(r"`Examples/SDKExamples/([A-Za-z]+\.swift)`", text)
    if not named:
        continue
    code = (root / "Examples/SDKExamples" / named.group(1)).read_text().strip("\n")
    updated = re.sub(r"```swift\n.*?\n```", lambda _: "```swift\n" + code + "\n```", text, count=1, flags=re.S)
    if updated != text:
        article.write_text(updated)
        print(f"updated {article.relative_to(root)}")
