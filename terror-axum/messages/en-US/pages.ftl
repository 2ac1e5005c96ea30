## pages-*: the error catalog's HTML pages (terror_axum::CatalogPages), where
## every problem's type URI leads. An error's own title and message come
## from the service's files; these are the words around them.

# No variables: the name of this file's language, written in it. It labels
# the links to the pages in this language, so it is never translated into
# another one.
pages-language-name = English

# No variables: the label of the list of links to the same page in other languages.
pages-languages = Languages

# No variables: the link from every page back to the list of all errors.
pages-all-errors = All errors

## The index: every error code of the service, grouped by prefix

# No variables: the heading of the page that lists every error.
pages-index-title = Error catalog

# $count (Integer) - how many error codes the catalog lists
pages-index-intro = This API can answer with { $count ->
        [one] { $count } kind of error
       *[other] { $count } kinds of errors
    }. Each has a stable code in the response's code member; its page tells what it means, what a response with it looks like, and what it says in every language.

# No variables: the label of the list of links to the groups of codes below.
pages-groups = Groups

# No variables: the heading of the errors whose codes have no prefix.
pages-group-other = Other errors

# No variables: the heading of the column of error codes.
pages-column-code = Code

# No variables: the heading of the column of HTTP statuses.
pages-column-status = Status

# No variables: the heading of the column of error titles.
pages-column-title = Title

# No variables: marks a deprecated error in the list of all errors, after its title.
pages-index-deprecated = deprecated

## One error's page

# $note (String) - the error's deprecation note, which says what to use instead, such as "Use volume.missing instead."
pages-deprecated = Deprecated: { $note }

# No variables: the label of the error's code, such as volume.not_found.
pages-code = Code

# No variables: the label of the HTTP status, such as 404 Not found.
pages-status = Status

# No variables: the label of the problem's type URI, the address of this page.
pages-type = Type

# No variables: the label of the gRPC status code a gRPC client receives, such as NOT_FOUND.
pages-grpc-code = gRPC code

# No variables: the label of the reason in the gRPC ErrorInfo detail, the code in capitals, such as VOLUME_NOT_FOUND.
pages-grpc-reason = gRPC reason

# No variables: the label of the Fluent message id, for translators.
pages-message-id = Message id

# No variables: the status of the code http.client_error, shown as 4xx.
pages-http-client-error = Other client error

# No variables: the status of the code http.server_error, shown as 5xx.
pages-http-server-error = Other server error

# No variables: the heading of the error's description.
pages-description = Description

# No variables: shown when the error's declaration has no doc comment.
pages-no-description = This error has no description yet.

# No variables: the heading of the error's arguments.
pages-args = Arguments

# No variables: introduces the table of arguments.
pages-args-intro = The values in the response's args member, by name, with their types.

# No variables: shown when the error has no arguments.
pages-no-args = This error has no arguments.

# No variables: the heading of the column of argument names.
pages-arg-name = Name

# No variables: the heading of the column of argument types.
pages-arg-type = Type

# No variables: the heading of the column of the keys each argument has in the metadata of the gRPC ErrorInfo detail, such as requestedGb.
pages-arg-metadata-key = gRPC metadata key

# No variables: the heading of the error's message in every language.
pages-messages = Messages

# No variables: introduces the messages; the arguments show example values.
pages-messages-intro = What a client reads in each language. Example values stand in for the arguments, such as <name> for text and 1 for numbers.

# No variables: introduces the messages of a redacted error.
pages-messages-redacted = Clients never see this error's own message. In each language they read this generic text instead.

# No variables: the label of a message's title.
pages-message-title = Title

# No variables: the label of a message's text, the problem's detail.
pages-message-detail = Message

# No variables: the label of a message's hint.
pages-message-hint = Hint

# $language (String) - the name of the language the message is shown in instead, such as English
pages-untranslated = Not translated yet: clients read it in { $language }.

# No variables: the heading of the example response.
pages-example = Example response

# No variables: introduces the example response.
pages-example-intro = A response with this code, in the language of this page, with example values.

# No variables: the label of what a client can do about retrying.
pages-retry = Retrying

# $seconds (Integer) - the value of the response's Retry-After header, in seconds
pages-retry-after = The response carries Retry-After: { $seconds }. The same request may succeed when sent again after { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }.

# No variables: the error does not say when to retry.
pages-no-retry = Not retryable: the response carries no Retry-After header.

# No variables: the label of what a client sees of the error.
pages-details = Details

# No variables: a server error whose details clients do not see.
pages-redacted = Redacted: clients see only a generic text and the request id. The full error, with its cause, goes to the service's log.

# No variables: an error whose details clients see.
pages-shown = Shown: clients see the message, the arguments and the hint.

## The page for an unknown code

# No variables: the heading of the page for a code the service does not have.
pages-not-found-title = Unknown error code

# $code (String) - the code in the address, cut short when long
pages-not-found = This API has no error with the code { $code }.

# No variables: points to the list of every error.
pages-not-found-hint = The list of all errors has every code this API answers with.
