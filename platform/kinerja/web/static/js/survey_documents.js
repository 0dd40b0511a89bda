// The public survey's GraphQL documents, apart from survey.js (which acts on the page when imported), so that the
// trusted-documents collector (web/collect_documents.mjs) can import them.

export const FORM_QUERY = `query SurveyForm($agency: String!) {
  surveyForm(agency: $agency) {
    agency agencyName period
    units { code name }
    questions { code text answers }
    profile { code field label choices { code label } }
  }
}`;

export const SUBMIT_MUTATION = `mutation SubmitFeedback($input: FeedbackInput!, $key: String) {
  submitFeedback(input: $input, idempotencyKey: $key) { accepted errors { path code message } }
}`;
